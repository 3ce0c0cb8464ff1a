"use strict";
// References: every var., local., module., data. and resource reference resolves; every variable and
// local declared is used; module calls pass only (and all required) declared inputs and read only
// declared outputs; providers are declared with versions (exact pins in root modules).

const fs = require("node:fs");
const path = require("node:path");
const { loadModule, strings } = require("./hcl");

// Resource types start with their provider's local name; these are the providers the modules may use.
const PROVIDER_PREFIXES = ["aws", "azurerm", "azuread", "google", "archive", "random", "null", "time", "local", "tls"];
const META_ARGUMENTS = new Set(["source", "version", "providers", "count", "for_each", "depends_on"]);

const REF = new RegExp(
  String.raw`(?<![\w.\-])(var|local|module|data|(?:` +
    PROVIDER_PREFIXES.join("|") +
    String.raw`)_[a-z0-9_]+|terraform_data)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?`,
  "g"
);

/** The references in one expression string: [{kind, name, attr}] (kind: var, local, module, data:T, resource:T). */
function referencesIn(text) {
  if (!text.includes("${") && !text.includes("%{")) return [];
  const out = [];
  for (const m of text.matchAll(REF)) {
    const [, head, second, third] = m;
    if (head === "var" || head === "local") out.push({ kind: head, name: second });
    else if (head === "module") out.push({ kind: "module", name: second, attr: third });
    else if (head === "data") {
      if (third) out.push({ kind: "data", type: second, name: third });
    } else out.push({ kind: "resource", type: head, name: second });
  }
  return out;
}

/** All references of a module, each with the file and declaration it appears in. */
function moduleReferences(m) {
  const refs = [];
  for (const { file, json } of m.files) {
    for (const [blockType, content] of Object.entries(json)) {
      if (blockType === "variable") {
        // A variable's own validation does not count as a use of anything.
        continue;
      }
      for (const { text } of strings(content)) {
        for (const r of referencesIn(text)) refs.push({ ...r, file, blockType });
      }
    }
  }
  return refs;
}

function isLocalSource(source) {
  return typeof source === "string" && (source.startsWith("./") || source.startsWith("../"));
}

/** Problems of one module: unresolved references, unused declarations, module interfaces. */
async function checkModule(m, { root = false } = {}) {
  const problems = [...m.errors];
  const rel = (f) => f;
  const refs = moduleReferences(m);
  const resources = new Set(m.resources.map((r) => `${r.type}.${r.name}`));
  const data = new Set(m.data.map((d) => `${d.type}.${d.name}`));

  for (const r of refs) {
    if (r.kind === "var" && !m.variables[r.name]) {
      problems.push(`${rel(r.file)}: var.${r.name} is used but no variable "${r.name}" is declared`);
    } else if (r.kind === "local" && !(r.name in m.locals)) {
      problems.push(`${rel(r.file)}: local.${r.name} is used but not declared in a locals block`);
    } else if (r.kind === "module" && !m.modules[r.name]) {
      problems.push(`${rel(r.file)}: module.${r.name} is used but no module "${r.name}" is declared`);
    } else if (r.kind === "data" && !data.has(`${r.type}.${r.name}`)) {
      problems.push(`${rel(r.file)}: data.${r.type}.${r.name} is used but not declared`);
    } else if (r.kind === "resource" && !resources.has(`${r.type}.${r.name}`)) {
      problems.push(`${rel(r.file)}: ${r.type}.${r.name} is used but no resource "${r.type}" "${r.name}" is declared`);
    }
  }

  const usedVars = new Set(refs.filter((r) => r.kind === "var").map((r) => r.name));
  for (const [name, v] of Object.entries(m.variables)) {
    if (!usedVars.has(name)) problems.push(`${v.file}: variable "${name}" is declared but never used`);
    if (!v.body.description) problems.push(`${v.file}: variable "${name}" has no description`);
    if (!v.body.type) problems.push(`${v.file}: variable "${name}" has no type`);
  }
  const usedLocals = new Set(refs.filter((r) => r.kind === "local").map((r) => r.name));
  for (const [name, l] of Object.entries(m.locals)) {
    if (!usedLocals.has(name)) problems.push(`${l.file}: local "${name}" is declared but never used`);
  }
  for (const [name, o] of Object.entries(m.outputs)) {
    if (!o.body.description) problems.push(`${o.file}: output "${name}" has no description`);
  }

  // Module calls against the called module's interface.
  for (const [name, call] of Object.entries(m.modules)) {
    const source = call.body.source;
    if (!isLocalSource(source)) {
      if (!call.body.version) problems.push(`${call.file}: module "${name}" from a registry has no pinned version`);
      continue;
    }
    const childDir = path.resolve(m.dir, source);
    if (!fs.existsSync(childDir)) {
      problems.push(`${call.file}: module "${name}" source ${source} does not exist`);
      continue;
    }
    const child = await loadModule(childDir);
    for (const arg of Object.keys(call.body)) {
      if (META_ARGUMENTS.has(arg)) continue;
      if (!child.variables[arg]) {
        problems.push(`${call.file}: module "${name}" passes "${arg}", which ${source} does not declare`);
      }
    }
    for (const [v, decl] of Object.entries(child.variables)) {
      if (!("default" in decl.body) && !(v in call.body)) {
        problems.push(`${call.file}: module "${name}" does not pass the required input "${v}" of ${source}`);
      }
    }
    const mine = requiredProviders(m);
    for (const [p, spec] of Object.entries(requiredProviders(child))) {
      if (!mine[p]) {
        problems.push(`${call.file}: module "${name}" needs provider "${p}", which this module does not declare in required_providers`);
      } else if (mine[p].version && spec.version && exactVersion(mine[p].version) && !satisfies(exactVersion(mine[p].version), spec.version)) {
        problems.push(`${call.file}: provider "${p}" ${mine[p].version} does not satisfy ${source}'s "${spec.version}"`);
      }
    }
    for (const r of refs.filter((x) => x.kind === "module" && x.name === name)) {
      if (r.attr && !child.outputs[r.attr]) {
        problems.push(`${r.file}: module.${name}.${r.attr} is used but ${source} has no output "${r.attr}"`);
      }
    }
  }

  // A module's README documents every input and output by name.
  const readme = path.join(m.dir, "README.md");
  if (fs.existsSync(readme)) {
    const text = fs.readFileSync(readme, "utf8");
    for (const name of [...Object.keys(m.variables), ...Object.keys(m.outputs)]) {
      if (!text.includes("`" + name + "`")) problems.push(`README.md does not document \`${name}\``);
    }
  } else if (!root && m.files.length > 0 && !m.dir.includes(`${path.sep}fixtures${path.sep}`)) {
    problems.push("no README.md (inputs, outputs and a worked example)");
  }

  problems.push(...checkProviders(m, refs, { root }));
  return problems;
}

function requiredProviders(m) {
  const out = {};
  for (const t of m.terraform) {
    for (const rp of t.body.required_providers || []) {
      for (const [name, spec] of Object.entries(rp)) out[name] = typeof spec === "object" ? spec : { version: spec };
    }
  }
  return out;
}

function exactVersion(constraint) {
  const m = /^\s*=?\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(constraint);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Does an exact version satisfy a constraint such as ">= 6.0.0, < 7.0.0" or "~> 4.2"? */
function satisfies(v, constraint) {
  const cmp = (a, b) => {
    for (let i = 0; i < 3; i++) if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) - (b[i] || 0);
    return 0;
  };
  return constraint.split(",").every((part) => {
    const m = /^\s*(>=|<=|>|<|=|!=|~>)?\s*(\d+(?:\.\d+){0,2})\s*$/.exec(part);
    if (!m) return false;
    const want = m[2].split(".").map(Number);
    const c = cmp(v, want);
    switch (m[1] || "=") {
      case ">=": return c >= 0;
      case "<=": return c <= 0;
      case ">": return c > 0;
      case "<": return c < 0;
      case "!=": return c !== 0;
      case "~>": {
        const upper = want.length === 3 ? [want[0], want[1] + 1, 0] : [want[0] + 1, 0, 0];
        return c >= 0 && cmp(v, upper) < 0;
      }
      default: return c === 0;
    }
  });
}

/** Providers used must be declared in required_providers with a version; root modules pin exactly. */
function checkProviders(m, refs, { root }) {
  const problems = [];
  const required = {};
  let requiredVersion = false;
  for (const t of m.terraform) {
    if (t.body.required_version) requiredVersion = true;
    for (const rp of t.body.required_providers || []) {
      for (const [name, spec] of Object.entries(rp)) required[name] = { spec, file: t.file };
    }
  }
  if (m.files.length > 0 && !requiredVersion) problems.push(`terraform block: no required_version`);
  const used = new Set();
  for (const r of [...m.resources, ...m.data]) used.add(r.type.split("_")[0]);
  for (const r of refs) if (r.kind === "resource") used.add(r.type.split("_")[0]);
  for (const p of m.providers) used.add(p.name);
  used.delete("terraform");
  for (const name of used) {
    const decl = required[name];
    if (!decl) {
      problems.push(`provider "${name}" is used but not in required_providers`);
      continue;
    }
    const version = typeof decl.spec === "object" ? decl.spec.version : decl.spec;
    if (!version) {
      problems.push(`${decl.file}: provider "${name}" has no version constraint`);
    } else if (root && !/^\s*=?\s*\d+\.\d+\.\d+\s*$/.test(version)) {
      problems.push(`${decl.file}: root module pins provider "${name}" loosely ("${version}"): give one exact version`);
    }
    if (typeof decl.spec === "object" && !decl.spec.source) {
      problems.push(`${decl.file}: provider "${name}" has no source`);
    }
  }
  return problems;
}

module.exports = { referencesIn, moduleReferences, checkModule };
