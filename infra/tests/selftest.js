#!/usr/bin/env node
"use strict";
// Proves each check fails when it should:
//   fixtures/<case>/          deliberately broken .tf (fixture.json: the check, the problems it must
//                             report, optionally problems it must not report)
//   fixtures/mutations.json   one-line regressions applied to a copy of a real module
// and that the real modules pass every check the mutations break (so a failure is the mutation's).
// Exit status: 0 when every expectation holds, 1 otherwise.

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { loadModule } = require("./lib/hcl");
const { checkModule } = require("./lib/refs");
const { checkIam } = require("./lib/iam");
const { checkAwsEvents, checkAuditLogFilter } = require("./lib/aws-events");
const { checkAzureEvents } = require("./lib/azure-events");
const { checkGcpEvents } = require("./lib/gcp-events");
const { checkHandlers } = require("./lib/handlers");

// Usage: node selftest.js [--samples DIR] [--repo DIR] (the samples and handler sources checked against).
const argv = process.argv.slice(2);
const opt = (name) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
const infra = path.resolve(__dirname, "..");
const repo = path.resolve(opt("--repo") || path.join(infra, ".."));
const samples = path.resolve(opt("--samples") || path.join(repo, "events-samples"));
const fixtures = path.join(__dirname, "fixtures");

async function run(check, dir, { root = false, cloud = null } = {}) {
  const m = await loadModule(dir);
  const safe = (fn) => {
    try {
      return fn().problems;
    } catch (e) {
      return [`check failed: ${e.message}`];
    }
  };
  switch (check) {
    case "refs":
      return checkModule(m, { root });
    case "iam":
      return checkIam(m);
    case "aws-events":
      return [
        ...safe(() => checkAwsEvents(m, { samplesDir: path.join(samples, "aws"), repo })),
        ...safe(() => checkAuditLogFilter(m, { samplesDir: path.join(samples, "aws") })),
      ];
    case "azure-events":
      return safe(() => checkAzureEvents(m, { samplesDir: path.join(samples, "azure"), repo }));
    case "gcp-events":
      return safe(() => checkGcpEvents(m, { samplesDir: path.join(samples, "gcp"), repo }));
    case "handlers":
      return safe(() => checkHandlers(cloud, m, { repo }));
    default:
      throw new Error(`unknown check ${check}`);
  }
}

let failures = 0;
let passed = 0;
let skipped = 0;

function expectProblems(label, problems, expect = [], absent = []) {
  const missing = expect.filter((e) => !problems.some((p) => p.includes(e)));
  const unwanted = absent.filter((a) => problems.some((p) => p.includes(a)));
  if (missing.length || unwanted.length) {
    failures++;
    console.log(`[FAIL] ${label}`);
    for (const x of missing) console.log(`       - expected a problem containing: ${x}`);
    for (const x of unwanted) console.log(`       - did not expect a problem containing: ${x}`);
    console.log(`       problems reported:${problems.length ? "" : " none"}`);
    for (const p of problems) console.log(`         ${p}`);
  } else {
    passed++;
    console.log(`[ok] ${label}: ${expect.length ? `${expect.length} expected problem(s) reported` : "no problem"}`);
  }
}

function requirementMissing(requires) {
  return requires && !fs.existsSync(path.join(samples, requires));
}

function copyModule(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "infra-selftest-"));
  const target = path.join(dir, name);
  fs.cpSync(path.join(infra, name), target, { recursive: true });
  return { dir, target };
}

async function main() {
  // 1. Broken fixtures.
  const cases = fs
    .readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const c of cases) {
    const spec = JSON.parse(fs.readFileSync(path.join(fixtures, c, "fixture.json"), "utf8"));
    if (requirementMissing(spec.requires)) {
      skipped++;
      console.log(`[skip] fixture ${c}: events-samples/${spec.requires} not present`);
      continue;
    }
    const dir = path.join(fixtures, c, spec.module || "");
    const problems = await run(spec.check, dir, { root: spec.root === true, cloud: spec.module });
    expectProblems(`fixture ${c} (${spec.check})`, problems, spec.expect, spec.absent);
  }

  // 2. Mutations of the real modules: the unmutated module passes the check, the mutated one fails it.
  const { mutations } = JSON.parse(fs.readFileSync(path.join(fixtures, "mutations.json"), "utf8"));
  const baseline = new Map();
  for (const mu of mutations) {
    if (requirementMissing(mu.requires)) {
      skipped++;
      console.log(`[skip] mutation "${mu.name}": events-samples/${mu.requires} not present`);
      continue;
    }
    const key = `${mu.module}:${mu.check}`;
    if (!baseline.has(key)) {
      const problems = await run(mu.check, path.join(infra, mu.module), { cloud: mu.module });
      baseline.set(key, problems);
      expectProblems(`real module ${mu.module} passes ${mu.check}`, problems, [], [""]);
    }
    const { dir, target } = copyModule(mu.module);
    try {
      const file = path.join(target, mu.file);
      const text = fs.readFileSync(file, "utf8");
      const count = text.split(mu.find).length - 1;
      if (count !== 1) {
        failures++;
        console.log(`[FAIL] mutation "${mu.name}": its find text occurs ${count} times in ${mu.module}/${mu.file} (update fixtures/mutations.json)`);
        continue;
      }
      fs.writeFileSync(file, text.replace(mu.find, mu.replace));
      const problems = await run(mu.check, target, { cloud: mu.module });
      expectProblems(`mutation "${mu.name}" (${mu.check})`, problems, mu.expect);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  console.log(`infra self-test: ${passed} passed, ${failures} failed, ${skipped} skipped`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack || e);
  process.exit(2);
});
