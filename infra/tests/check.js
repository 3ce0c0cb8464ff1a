#!/usr/bin/env node
"use strict";
// Static checks of the Terraform in infra/ (no terraform binary needed):
//   refs          every var./local./module./data./resource reference resolves; every variable and local
//                 is used; module calls match the called module's variables and outputs; providers are
//                 declared with versions (exact pins in examples/)
//   iam           no wildcard action; no "*" resource except for the APIs that accept nothing narrower;
//                 no broad built-in (Azure) or primitive (GCP) role; data roles on single resources
//   aws-events    EventBridge patterns vs events-samples/aws and aws-lambda's EventBridgeEvents
//   azure-events  Event Grid subscription filters vs events-samples/azure and azure-function's routing
//   gcp-events    Cloud Asset feed types, topics and the audit log sink vs events-samples/gcp (when present)
// Usage: node check.js [--only refs,iam,...] [--infra DIR] [--samples DIR] [--repo DIR]
// Exit status: 0 when every check passes, 1 when one fails.

const path = require("node:path");
const { runChecks } = require("./lib/run");

function args(argv) {
  const out = {};
  for (let i = 2; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, "");
    out[k] = argv[i + 1];
  }
  return out;
}

async function main() {
  const a = args(process.argv);
  const repo = path.resolve(a.repo || path.join(__dirname, "..", ".."));
  const infra = path.resolve(a.infra || path.join(repo, "infra"));
  const samples = path.resolve(a.samples || path.join(repo, "events-samples"));
  const only = a.only ? a.only.split(",") : null;
  const results = await runChecks({ infra, samples, repo, only });
  let failed = 0;
  for (const r of results) {
    const status = r.problems.length ? "FAIL" : "ok";
    console.log(`[${status}] ${r.check.padEnd(16)} ${r.subject}${r.notes.length ? ": " + r.notes.join("; ") : ""}`);
    for (const p of r.problems) console.log(`       - ${p}`);
    if (r.problems.length) failed++;
  }
  console.log(`infra checks: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack || e);
  process.exit(2);
});
