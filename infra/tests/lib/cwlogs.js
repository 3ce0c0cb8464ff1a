"use strict";
// CloudWatch Logs JSON filter patterns, the subset the modules use: `{ <expr> }` where expr combines
// `$.a.b = "text"` / `!=` comparisons (strings, with * as a wildcard, or numbers) with && and ||,
// grouped by parentheses. Mixing && and || without parentheses is refused (write what you mean).

function tokenize(src) {
  const tokens = [];
  const re = /\s*(\$(?:\.[A-Za-z_][\w-]*|\[\d+\])+|&&|\|\||!=|=|\(|\)|\{|\}|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/gy;
  let m;
  let at = 0;
  while (at < src.length) {
    re.lastIndex = at;
    m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(at))) break;
      throw new Error(`filter pattern: cannot read at "${src.slice(at, at + 20)}"`);
    }
    tokens.push(m[1]);
    at = re.lastIndex;
  }
  return tokens;
}

function parse(src) {
  const t = tokenize(src);
  let i = 0;
  const peek = () => t[i];
  const take = (want) => {
    const x = t[i++];
    if (want !== undefined && x !== want) throw new Error(`filter pattern: expected ${want}, got ${x}`);
    return x;
  };
  function term() {
    if (peek() === "(") {
      take("(");
      const e = expr();
      take(")");
      return e;
    }
    const selector = take();
    if (!selector || !selector.startsWith("$")) throw new Error(`filter pattern: expected a selector, got ${selector}`);
    const op = take();
    if (op !== "=" && op !== "!=") throw new Error(`filter pattern: operator ${op} is not implemented by the check`);
    const raw = take();
    const value = raw.startsWith('"') ? { string: JSON.parse(raw) } : { number: Number(raw) };
    const path = [...selector.matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map((x) => (x[1] !== undefined ? x[1] : Number(x[2])));
    return { selector: path, op, value };
  }
  function expr() {
    const first = term();
    const ops = [];
    const terms = [first];
    while (peek() === "&&" || peek() === "||") {
      ops.push(take());
      terms.push(term());
    }
    if (new Set(ops).size > 1) throw new Error("filter pattern: && and || mixed without parentheses");
    return ops.length === 0 ? first : { op: ops[0], terms };
  }
  take("{");
  const e = expr();
  take("}");
  if (i !== t.length) throw new Error(`filter pattern: unexpected ${t[i]}`);
  return e;
}

function evaluate(node, event) {
  if (node.terms) {
    return node.op === "&&" ? node.terms.every((x) => evaluate(x, event)) : node.terms.some((x) => evaluate(x, event));
  }
  let v = event;
  for (const p of node.selector) v = v === null || v === undefined ? undefined : v[p];
  let equal;
  if (node.value.string !== undefined) {
    const re = new RegExp("^" + node.value.string.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
    equal = typeof v === "string" && re.test(v);
  } else {
    equal = typeof v === "number" && v === node.value.number;
  }
  if (v === undefined) return false;
  return node.op === "=" ? equal : !equal;
}

/** True when the JSON log event matches the filter pattern. */
function matchesFilter(pattern, event) {
  return evaluate(parse(pattern), event);
}

module.exports = { matchesFilter, parse };
