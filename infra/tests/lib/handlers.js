"use strict";
// The modules against the functions' code: every handler class, function name and entry point a
// module deploys exists, and every CONTAINERWATCH_* setting it gives is one the code reads.

const fs = require("node:fs");
const path = require("node:path");
const { resolve } = require("./hcl");

const CLOUDS = {
  aws: { module: "aws-lambda" },
  azure: { module: "azure-function" },
  gcp: { module: "gcp-function" },
};

function javaSources(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".java")) out.push(p);
    }
  })(dir);
  return out;
}

function classFile(repo, handlerModule, className) {
  return path.join(repo, handlerModule, "src/main/java", className.replace(/\./g, "/") + ".java");
}

function moduleText(m) {
  return m.files.map((f) => fs.readFileSync(path.join(m.dir, f.file), "utf8")).join("\n");
}

function checkHandlers(cloud, m, { repo }) {
  const problems = [];
  const notes = [];
  const handlerModule = CLOUDS[cloud].module;
  const sourcesDir = path.join(repo, handlerModule, "src/main/java");
  if (!fs.existsSync(sourcesDir)) {
    notes.push(`${handlerModule} has no sources here: not compared`);
    return { problems, notes };
  }
  const code = [...javaSources(sourcesDir), ...javaSources(path.join(repo, "common-rules/src/main/java"))]
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
  const text = moduleText(m);

  let entries = 0;
  if (cloud === "aws") {
    for (const x of text.matchAll(/"(dev\.containerwatch\.[\w.]+)::(\w+)"/g)) {
      const file = classFile(repo, handlerModule, x[1]);
      if (!fs.existsSync(file)) problems.push(`handler ${x[1]}::${x[2]}: no class ${path.relative(repo, file)}`);
      else if (!fs.readFileSync(file, "utf8").includes(` ${x[2]}(`)) problems.push(`handler ${x[1]}::${x[2]}: the class has no method ${x[2]}`);
      entries++;
    }
  } else if (cloud === "azure") {
    for (const x of text.matchAll(/\/functions\/([\w-]+)/g)) {
      if (!code.includes(`@FunctionName("${x[1]}")`)) problems.push(`function ${x[1]}: no @FunctionName("${x[1]}") in ${handlerModule}`);
      entries++;
    }
  } else if (cloud === "gcp") {
    const entry = resolve(m, "${var.entry_point}");
    if (typeof entry !== "string") problems.push("var.entry_point has no default");
    else {
      const file = classFile(repo, handlerModule, entry);
      if (!fs.existsSync(file)) problems.push(`entry point ${entry}: no class ${path.relative(repo, file)}`);
      else if (!/implements\s+CloudEventsFunction/.test(fs.readFileSync(file, "utf8"))) problems.push(`entry point ${entry} is not a CloudEventsFunction`);
      entries++;
    }
  }
  if (entries === 0) problems.push(`no handler, function name or entry point of ${handlerModule} found in the module`);

  const settings = new Set([...text.matchAll(/CONTAINERWATCH_[A-Z0-9_]*[A-Z0-9]/g)].map((x) => x[0]));
  for (const s of settings) {
    if (!code.includes(`"${s}"`) && !code.includes(`%${s}%`)) problems.push(`setting ${s} is not read by ${handlerModule} or common-rules`);
  }
  notes.push(`${entries} entry point(s) and ${settings.size} CONTAINERWATCH_* settings found in ${handlerModule}`);
  return { problems, notes };
}

module.exports = { checkHandlers };
