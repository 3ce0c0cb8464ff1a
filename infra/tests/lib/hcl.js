"use strict";
// Loading Terraform modules: every .tf file of a directory parsed with @cdktf/hcl2json and merged
// into one view of the module (variables, locals, resources, data sources, module calls, outputs).

const fs = require("node:fs");
const path = require("node:path");

let hcl2json;
try {
  hcl2json = require("@cdktf/hcl2json");
} catch (e) {
  console.error("infra checks: @cdktf/hcl2json is not installed; run `npm ci --prefix infra/tests` first");
  process.exit(2);
}

/** Directories below root holding .tf files (each one a module), skipping node_modules and tests. */
function moduleDirs(root, skip = ["node_modules", "tests", ".terraform"]) {
  const found = [];
  (function walk(dir) {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith(".tf"))) found.push(dir);
    for (const e of entries) {
      if (e.isDirectory() && !skip.includes(e.name) && !e.name.startsWith(".")) walk(path.join(dir, e.name));
    }
  })(root);
  return found.sort();
}

/** One block type of hcl2json's output ({type: {name: [body]}} or {name: [body]}) as a list. */
function entries2(obj) {
  const out = [];
  for (const [type, byName] of Object.entries(obj || {})) {
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of bodies) out.push({ type, name, body });
    }
  }
  return out;
}

function entries1(obj) {
  const out = [];
  for (const [name, bodies] of Object.entries(obj || {})) {
    for (const body of bodies) out.push({ name, body });
  }
  return out;
}

const cache = new Map();

/**
 * Parses every .tf file of dir. Returns {dir, files, variables, locals, resources, data, modules,
 * outputs, terraform, providers}; each declaration keeps the file it comes from.
 */
async function loadModule(dir) {
  const key = path.resolve(dir);
  if (cache.has(key)) return cache.get(key);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tf"))
    .sort();
  const m = {
    dir: key,
    files: [],
    variables: {},
    locals: {},
    resources: [],
    data: [],
    modules: {},
    outputs: {},
    terraform: [],
    providers: [],
    errors: [],
  };
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    let json;
    try {
      json = await hcl2json.parse(f, text);
    } catch (e) {
      m.errors.push(`${f}: not valid HCL: ${String(e.message || e).split("\n")[0]}`);
      continue;
    }
    m.files.push({ file: f, json });
    for (const { name, body } of entries1(json.variable)) {
      if (m.variables[name]) m.errors.push(`${f}: variable "${name}" declared twice`);
      m.variables[name] = { body, file: f };
    }
    for (const block of json.locals || []) {
      for (const [name, value] of Object.entries(block)) {
        if (name in m.locals) m.errors.push(`${f}: local "${name}" declared twice`);
        m.locals[name] = { value, file: f };
      }
    }
    for (const { type, name, body } of entries2(json.resource)) m.resources.push({ type, name, body, file: f });
    for (const { type, name, body } of entries2(json.data)) m.data.push({ type, name, body, file: f });
    for (const { name, body } of entries1(json.module)) {
      if (m.modules[name]) m.errors.push(`${f}: module "${name}" declared twice`);
      m.modules[name] = { body, file: f };
    }
    for (const { name, body } of entries1(json.output)) m.outputs[name] = { body, file: f };
    for (const t of json.terraform || []) m.terraform.push({ body: t, file: f });
    for (const { name, body } of entries1(json.provider)) m.providers.push({ name, body, file: f });
  }
  cache.set(key, m);
  return m;
}

/** Every string of a parsed value (keys included), with its path, depth first. */
function* strings(value, where = []) {
  if (typeof value === "string") {
    yield { text: value, where };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* strings(value[i], where.concat(i));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("${")) yield { text: k, where };
      yield* strings(v, where.concat(k));
    }
  }
}

/** True when a value is a Terraform expression (an interpolation), not a literal. */
function isExpression(v) {
  return typeof v === "string" && v.includes("${");
}

/** `${local.name}` → "name" when the whole value is one reference to a local (with attribute path). */
function wholeReference(v) {
  if (typeof v !== "string") return null;
  const m = /^\$\{((?:local|var)\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\["[^"]*"\])*)\}$/.exec(v);
  return m ? m[1] : null;
}

/**
 * Resolves a value that is a literal, or one reference to a local (with an attribute path) or to a
 * variable's default, to its literal. Returns undefined when it cannot be resolved statically.
 */
function resolve(m, v, depth = 0) {
  if (depth > 10) return undefined;
  const ref = wholeReference(v);
  if (ref === null) return isExpression(v) ? undefined : v;
  const parts = [];
  const re = /(?:^|\.)([A-Za-z_][\w-]*)|\["([^"]*)"\]/g;
  let x;
  while ((x = re.exec(ref)) !== null) parts.push(x[1] !== undefined ? x[1] : x[2]);
  const [kind, name, ...rest] = parts;
  let value;
  if (kind === "local") {
    if (!(name in m.locals)) return undefined;
    value = m.locals[name].value;
  } else {
    const variable = m.variables[name];
    if (!variable || !("default" in variable.body)) return undefined;
    value = variable.body.default;
  }
  value = resolve(m, value, depth + 1);
  for (const p of rest) {
    if (value === undefined || value === null || typeof value !== "object") return undefined;
    value = resolve(m, value[p], depth + 1);
  }
  return value;
}

/**
 * Resolves a literal structure whose leaves may be whole references to locals or variable defaults
 * (as `eventName = local.eks_calls` inside a pattern). Throws naming the leaf it cannot resolve.
 */
function resolveDeep(m, v, where = "value") {
  if (typeof v === "string" && isExpression(v)) {
    const r = resolve(m, v);
    if (r === undefined) throw new Error(`${where}: cannot resolve ${v} statically`);
    return resolveDeep(m, r, where);
  }
  if (Array.isArray(v)) return v.map((x, i) => resolveDeep(m, x, `${where}[${i}]`));
  if (v && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolveDeep(m, x, `${where}.${k}`);
    return out;
  }
  return v;
}

/**
 * The map a for_each iterates, when it is (or derives through for-expressions from) a local whose
 * value is a literal object: `local.event_rules` = `{ for k, p in local.event_patterns : ... }`.
 */
function forEachSource(m, forEach, depth = 0) {
  if (depth > 5 || typeof forEach !== "string") return null;
  for (const x of forEach.matchAll(/local\.([A-Za-z_][\w-]*)/g)) {
    const l = m.locals[x[1]];
    if (!l) continue;
    if (l.value && typeof l.value === "object" && !Array.isArray(l.value)) return { name: x[1], value: l.value };
    const deeper = forEachSource(m, l.value, depth + 1);
    if (deeper) return deeper;
  }
  return null;
}

/** A block attribute that hcl2json gives as a list of bodies (nested blocks), always as a list. */
function blocks(body, name) {
  const v = body && body[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** Nested blocks, including those a `dynamic "name"` block generates (their content). */
function blocksWithDynamic(body, name) {
  const out = blocks(body, name).map((b) => ({ body: b, dynamic: false }));
  for (const d of blocks(body, "dynamic")) {
    for (const c of blocks(d, name)) {
      for (const content of blocks(c, "content")) out.push({ body: content, dynamic: true });
    }
  }
  return out;
}

module.exports = { moduleDirs, loadModule, strings, isExpression, resolve, resolveDeep, forEachSource, blocks, blocksWithDynamic };
