"use strict";
// Amazon EventBridge event pattern matching, for the operators the modules use and a few more:
// exact values (strings, numbers, booleans, null), prefix, suffix, equals-ignore-case, anything-but
// (values, or a prefix), exists, numeric comparisons, and $or. As EventBridge does, an event's arrays
// are flattened: a pattern field matches when any value found at its path (through arrays of values
// or of objects) matches any of the field's conditions; a pattern's fields are ANDed. An operator
// this implementation does not know is an error, never a silent non-match.

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The leaf values found at one key of each node, descending through arrays. */
function valuesAt(nodes, key) {
  const out = [];
  const push = (v) => {
    if (Array.isArray(v)) v.forEach(push);
    else out.push(v);
  };
  for (const n of nodes) {
    if (isPlainObject(n) && Object.prototype.hasOwnProperty.call(n, key)) push(n[key]);
  }
  return out;
}

function numericMatches(spec, value) {
  if (typeof value !== "number") return false;
  if (!Array.isArray(spec) || spec.length % 2 !== 0) throw new Error(`numeric: expected [op, n, ...], got ${JSON.stringify(spec)}`);
  for (let i = 0; i < spec.length; i += 2) {
    const [op, n] = [spec[i], spec[i + 1]];
    const ok = { "=": value === n, "<": value < n, "<=": value <= n, ">": value > n, ">=": value >= n }[op];
    if (ok === undefined) throw new Error(`numeric: unknown comparison ${op}`);
    if (!ok) return false;
  }
  return true;
}

/** Does one leaf value match one condition of a pattern array? */
function conditionMatches(cond, value) {
  if (!isPlainObject(cond)) {
    // Exact match of a string, number, boolean or null.
    return !isPlainObject(value) && cond === value;
  }
  const ops = Object.keys(cond);
  if (ops.length !== 1) throw new Error(`pattern condition must have one operator: ${JSON.stringify(cond)}`);
  const [op] = ops;
  const arg = cond[op];
  switch (op) {
    case "prefix":
      if (isPlainObject(arg) && "equals-ignore-case" in arg) {
        return typeof value === "string" && value.toLowerCase().startsWith(String(arg["equals-ignore-case"]).toLowerCase());
      }
      return typeof value === "string" && value.startsWith(arg);
    case "suffix":
      if (isPlainObject(arg) && "equals-ignore-case" in arg) {
        return typeof value === "string" && value.toLowerCase().endsWith(String(arg["equals-ignore-case"]).toLowerCase());
      }
      return typeof value === "string" && value.endsWith(arg);
    case "equals-ignore-case":
      return typeof value === "string" && value.toLowerCase() === String(arg).toLowerCase();
    case "anything-but": {
      if (isPlainObject(value) || value === undefined) return false;
      if (isPlainObject(arg)) {
        if ("prefix" in arg) return !(typeof value === "string" && value.startsWith(arg.prefix));
        if ("suffix" in arg) return !(typeof value === "string" && value.endsWith(arg.suffix));
        throw new Error(`anything-but: unknown form ${JSON.stringify(arg)}`);
      }
      const excluded = Array.isArray(arg) ? arg : [arg];
      return !excluded.includes(value);
    }
    case "numeric":
      return numericMatches(arg, value);
    case "exists":
      throw new Error("exists is evaluated per field, not per value");
    default:
      throw new Error(`operator "${op}" is not implemented by the check: implement it before using it`);
  }
}

/** Does a list of conditions (a pattern field's array) match the values found at its path? */
function fieldMatches(conditions, values) {
  if (!Array.isArray(conditions)) throw new Error(`pattern leaf must be an array: ${JSON.stringify(conditions)}`);
  if (conditions.length === 0) throw new Error("pattern leaf is an empty array (it would never match)");
  const leaves = values.filter((v) => !isPlainObject(v));
  return conditions.some((c) => {
    if (isPlainObject(c) && "exists" in c) {
      if (Object.keys(c).length !== 1) throw new Error(`exists takes no other operator: ${JSON.stringify(c)}`);
      return c.exists ? leaves.length > 0 : leaves.length === 0;
    }
    return leaves.some((v) => conditionMatches(c, v));
  });
}

/** Does the pattern (an object, possibly with $or) match the event nodes? */
function objectMatches(pattern, nodes) {
  if (!isPlainObject(pattern)) throw new Error(`pattern must be an object: ${JSON.stringify(pattern)}`);
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === "$or") {
      if (!Array.isArray(sub) || sub.length < 2) throw new Error("$or takes an array of at least two patterns");
      if (!sub.some((alt) => objectMatches(alt, nodes))) return false;
      continue;
    }
    const values = valuesAt(nodes, key);
    if (Array.isArray(sub)) {
      if (!fieldMatches(sub, values)) return false;
    } else if (isPlainObject(sub)) {
      const children = values.filter(isPlainObject);
      if (!objectMatches(sub, children)) return false;
    } else {
      throw new Error(`pattern field "${key}" must be an array or an object, got ${JSON.stringify(sub)}`);
    }
  }
  return true;
}

/** True when the EventBridge pattern matches the event. */
function matches(pattern, event) {
  return objectMatches(pattern, [event]);
}

module.exports = { matches };
