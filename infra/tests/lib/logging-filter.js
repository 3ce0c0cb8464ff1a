"use strict";
// Cloud Logging query language, the subset the log sinks use: comparisons `field = value`,
// `field != value`, `field : value` (has: substring of a string, case-insensitive), `field =~ "re"`
// and `!~` (regular expressions; the RE2 syntax the filters use is read as JavaScript's), a value list
// `field = ("a" OR "b")`, AND, OR, NOT and parentheses (NOT binds tightest, then AND, then OR, as in
// Logging). Values are quoted strings, or true/false/numbers compared with the field's JSON value.
// A missing field makes a comparison false. Anything else is an error, never a silent non-match.

function tokenize(src) {
  const tokens = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|\(|\)|=~|!~|!=|=|:|[A-Za-z_@][\w.@\/-]*|-?\d+(?:\.\d+)?)/gy;
  let at = 0;
  while (at < src.length) {
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(at))) break;
      throw new Error(`log filter: cannot read at "${src.slice(at, at + 20)}"`);
    }
    tokens.push(m[1]);
    at = re.lastIndex;
  }
  return tokens;
}

function literal(tok) {
  if (tok === undefined) throw new Error("log filter: a value is missing");
  // In a quoted value \" and \\ are escapes; any other backslash stays (regular expressions keep \.).
  if (tok.startsWith('"')) return tok.slice(1, -1).replace(/\\(["\\])/g, "$1");
  if (tok === "true") return true;
  if (tok === "false") return false;
  if (/^-?\d+(\.\d+)?$/.test(tok)) return Number(tok);
  throw new Error(`log filter: unquoted value ${tok} is not implemented by the check`);
}

function parse(src) {
  const t = tokenize(src);
  let i = 0;
  const peek = () => t[i];
  const take = (want) => {
    const x = t[i++];
    if (want !== undefined && x !== want) throw new Error(`log filter: expected ${want}, got ${x}`);
    return x;
  };
  function orExpr() {
    const terms = [andExpr()];
    while (peek() === "OR") {
      take();
      terms.push(andExpr());
    }
    return terms.length === 1 ? terms[0] : { or: terms };
  }
  function andExpr() {
    const terms = [unary()];
    while (peek() === "AND") {
      take();
      terms.push(unary());
    }
    return terms.length === 1 ? terms[0] : { and: terms };
  }
  function unary() {
    if (peek() === "NOT") {
      take();
      return { not: unary() };
    }
    if (peek() === "(") {
      take("(");
      const e = orExpr();
      take(")");
      return e;
    }
    const field = take();
    if (!/^[A-Za-z_@][\w.@\/-]*$/.test(field || "")) throw new Error(`log filter: expected a field, got ${field}`);
    const op = take();
    if (!["=", "!=", ":", "=~", "!~"].includes(op)) throw new Error(`log filter: operator ${op} is not implemented by the check`);
    let values;
    if (peek() === "(") {
      take("(");
      values = [literal(take())];
      while (peek() === "OR") {
        take();
        values.push(literal(take()));
      }
      take(")");
    } else {
      values = [literal(take())];
    }
    return { field: field.split("."), op, values };
  }
  const e = orExpr();
  if (i !== t.length) throw new Error(`log filter: unexpected ${t[i]}`);
  return e;
}

function evaluate(n, entry) {
  if (n.or) return n.or.some((x) => evaluate(x, entry));
  if (n.and) return n.and.every((x) => evaluate(x, entry));
  if (n.not) return !evaluate(n.not, entry);
  let v = entry;
  for (const p of n.field) v = v !== null && typeof v === "object" ? v[p] : undefined;
  if (v === undefined || v === null) return false;
  const one = (x) => {
    if (n.op === ":") return typeof v === "string" && v.toLowerCase().includes(String(x).toLowerCase());
    if (n.op === "=~" || n.op === "!~") return typeof v === "string" && new RegExp(String(x)).test(v);
    return typeof x === "string" ? String(v) === x : v === x;
  };
  const hit = n.values.some(one);
  return n.op === "!=" || n.op === "!~" ? !hit : hit;
}

/** True when the log entry (a LogEntry as JSON) matches the filter. */
function matchesLogFilter(filter, entry) {
  return evaluate(parse(filter), entry);
}

module.exports = { matchesLogFilter, parse };
