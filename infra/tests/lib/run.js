"use strict";
// Runs every check over an infra tree: per module, references and IAM; per cloud, the event filters
// against the samples. Returns one result per (check, subject).

const fs = require("node:fs");
const path = require("node:path");
const { moduleDirs, loadModule } = require("./hcl");
const { checkModule } = require("./refs");
const { checkIam } = require("./iam");
const { checkAwsEvents, checkAuditLogFilter } = require("./aws-events");
const { checkAzureEvents } = require("./azure-events");
const { checkGcpEvents } = require("./gcp-events");
const { checkHandlers } = require("./handlers");

async function runChecks({ infra, samples, repo, only = null }) {
  const results = [];
  const want = (name) => !only || only.includes(name);
  const record = (check, subject, fn) => {
    try {
      const { problems, notes = [] } = fn();
      results.push({ check, subject, problems, notes });
    } catch (e) {
      results.push({ check, subject, problems: [`check failed: ${e.stack || e}`], notes: [] });
    }
  };
  const rel = (d) => path.relative(infra, d) || ".";

  for (const dir of moduleDirs(infra)) {
    const m = await loadModule(dir);
    const root = rel(dir).split(path.sep)[0] === "examples";
    if (want("refs")) {
      const problems = await checkModule(m, { root });
      results.push({ check: "refs", subject: rel(dir), problems, notes: [`${m.files.length} files, ${Object.keys(m.variables).length} variables, ${m.resources.length} resources, ${m.data.length} data sources, ${Object.keys(m.modules).length} module calls`] });
    }
    if (want("iam")) record("iam", rel(dir), () => ({ problems: checkIam(m) }));
  }

  for (const cloud of ["aws", "azure", "gcp"]) {
    const dir = path.join(infra, cloud);
    if (fs.existsSync(dir) && want("handlers")) {
      const m = await loadModule(dir);
      record("handlers", cloud, () => checkHandlers(cloud, m, { repo }));
    }
  }

  const aws = path.join(infra, "aws");
  if (fs.existsSync(aws) && want("aws-events")) {
    const m = await loadModule(aws);
    record("aws-events", "aws", () => checkAwsEvents(m, { samplesDir: path.join(samples, "aws"), repo }));
    record("aws-audit-filter", "aws", () => checkAuditLogFilter(m, { samplesDir: path.join(samples, "aws") }));
  }
  const azure = path.join(infra, "azure");
  if (fs.existsSync(azure) && want("azure-events")) {
    const m = await loadModule(azure);
    record("azure-events", "azure", () => checkAzureEvents(m, { samplesDir: path.join(samples, "azure"), repo }));
  }
  const gcp = path.join(infra, "gcp");
  if (fs.existsSync(gcp) && want("gcp-events")) {
    const m = await loadModule(gcp);
    record("gcp-events", "gcp", () => checkGcpEvents(m, { samplesDir: path.join(samples, "gcp"), repo }));
  }
  return results;
}

module.exports = { runChecks };
