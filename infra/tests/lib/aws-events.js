"use strict";
// The EventBridge rules of infra/aws against the AWS handler: its samples (events-samples/aws/), its
// source (aws-lambda's EventBridgeEvents), and the events it ignores.

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { forEachSource, resolveDeep, resolve } = require("./hcl");
const { matches } = require("./eventbridge");
const { matchesFilter } = require("./cwlogs");

// Rejected samples that a pattern may match: the handler refuses them for a malformed body that
// EventBridge cannot test, not for their type. Every other rejected sample must match no rule.
const MAY_MATCH = new Map([
  [
    "ecr-image-action-malformed-digest.json",
    "a push whose digest is not 64 hex digits: a pattern can test the sha256: prefix, not the length",
  ],
]);

// Events the handler ignores (EventBridgeEvents: ignore(...)): each accepted sample of the family,
// changed this way, must match no rule.
const IGNORED_VARIANTS = [
  {
    family: (e) => e["detail-type"] === "AWS API Call via CloudTrail",
    why: "a CloudTrail record with an errorCode (the call failed)",
    change: (e) => (e.detail.errorCode = "AccessDeniedException"),
  },
  {
    family: (e) => e["detail-type"] === "AWS API Call via CloudTrail" && e.source === "aws.eks",
    why: "an EKS call that changes nothing the rules read (TagResource)",
    change: (e) => (e.detail.eventName = "TagResource"),
  },
  {
    family: (e) => e["detail-type"] === "AWS API Call via CloudTrail" && e.source === "aws.ecr",
    why: "an ECR call that changes nothing the rules read (BatchGetImage)",
    change: (e) => (e.detail.eventName = "BatchGetImage"),
  },
  {
    family: (e) => e["detail-type"] === "ECR Image Action",
    why: "an image action whose result is FAILURE",
    change: (e) => (e.detail.result = "FAILURE"),
  },
  {
    family: (e) => e["detail-type"] === "Config Configuration Item Change" && e.detail.configurationItem,
    why: "a Config item that is not recorded (ResourceNotRecorded)",
    change: (e) => (e.detail.configurationItem.configurationItemStatus = "ResourceNotRecorded"),
  },
  {
    family: (e) => e["detail-type"] === "Config Configuration Item Change",
    why: "a Config item of another resource type",
    change: (e) => ((e.detail.configurationItem || e.detail.configurationItemSummary).resourceType = "AWS::EC2::Instance"),
  },
  {
    family: (e) => e["detail-type"] === "Inspector2 Finding",
    why: "an Inspector finding about a Lambda function",
    change: (e) => e.detail.resources.forEach((r) => (r.type = "AWS_LAMBDA_FUNCTION")),
  },
  {
    family: (e) => e["detail-type"] === "Inspector2 Scan",
    why: "an Inspector scan event of another scan status",
    change: (e) => (e.detail["scan-status"] = "SCAN_FAILED"),
  },
];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return undefined;
  }
}

function sampleFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
    .sort();
}

const isEventBridge = (e) => e && typeof e === "object" && !Array.isArray(e) && "source" in e && "detail" in e;

/** The patterns of the module's EventBridge rules, by family (rule name key). */
function patternsOf(m) {
  const patterns = {};
  const problems = [];
  for (const r of m.resources.filter((x) => x.type === "aws_cloudwatch_event_rule")) {
    const p = r.body.event_pattern;
    if (p === undefined) continue;
    try {
      if (p === "${jsonencode(each.value)}") {
        const src = forEachSource(m, r.body.for_each);
        if (!src) throw new Error(`for_each ${r.body.for_each} does not come from a literal local`);
        for (const [k, v] of Object.entries(src.value)) patterns[k] = resolveDeep(m, v, `local.${src.name}.${k}`);
      } else {
        const literal = resolve(m, p);
        if (typeof literal !== "string") throw new Error(`event_pattern ${p} cannot be read statically`);
        patterns[r.name] = JSON.parse(literal);
      }
    } catch (e) {
      problems.push(`${r.file}: aws_cloudwatch_event_rule.${r.name}: ${e.message}`);
    }
  }
  return { patterns, problems };
}

/** What the handler's source says it accepts: (source|detail-type) pairs and CloudTrail calls. */
function handlerContract(repo) {
  const file = path.join(repo, "aws-lambda/src/main/java/dev/containerwatch/aws/events/EventBridgeEvents.java");
  const src = fs.readFileSync(file, "utf8");
  const pairs = [...src.matchAll(/case\s+"([a-z0-9.]+)\|([^"]+)":/g)].map((x) => ({ source: x[1], detailType: x[2] }));
  const set = (name) => {
    const m = new RegExp(name + String.raw`\s*=\s*Set\.of\(([^)]*)\)`).exec(src);
    return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]).sort() : null;
  };
  return { file, pairs, eksCalls: set("EKS_CALLS"), ecrCalls: set("ECR_CALLS") };
}

function matching(patterns, event) {
  return Object.entries(patterns)
    .filter(([, p]) => matches(p, event))
    .map(([k]) => k);
}

/**
 * Runs the checks; returns {problems, notes}. samplesDir is events-samples/aws, repo the repository
 * root (for the handler's source).
 */
function checkAwsEvents(m, { samplesDir, repo }) {
  const problems = [];
  const notes = [];
  const { patterns, problems: readProblems } = patternsOf(m);
  problems.push(...readProblems);
  if (Object.keys(patterns).length === 0) {
    problems.push("no EventBridge rule patterns found in the module");
    return { problems, notes };
  }
  const scheduled = (e) => e["detail-type"] === "Scheduled Event";

  // 1. Every event sample the handler processes is matched by exactly one rule.
  const accepted = [];
  for (const f of sampleFiles(samplesDir)) {
    const e = readJson(path.join(samplesDir, f));
    if (isEventBridge(e)) accepted.push({ name: f, event: e });
    else if (e && Array.isArray(e.Records)) {
      e.Records.forEach((r, i) => {
        const body = (() => {
          try {
            return JSON.parse(r.body);
          } catch (x) {
            return undefined;
          }
        })();
        if (isEventBridge(body)) accepted.push({ name: `${f} Records[${i}].body`, event: body });
      });
    }
  }
  let matched = 0;
  for (const { name, event } of accepted) {
    const hits = matching(patterns, event);
    if (scheduled(event)) {
      if (hits.length) problems.push(`${name}: a Scheduled Event is matched by rule(s) ${hits.join(", ")}; sweeps come from the scheduler`);
      continue;
    }
    if (hits.length === 0) problems.push(`${name}: the handler processes this event but no rule pattern matches it`);
    else if (hits.length > 1) problems.push(`${name}: matched by ${hits.length} rules (${hits.join(", ")}): the function would run twice`);
    else matched++;
  }
  notes.push(`${matched} accepted AWS samples each matched by exactly one rule`);

  // 2. Rejected samples match no rule, unless refused for a body EventBridge cannot test.
  const rejectedDir = path.join(samplesDir, "rejected");
  let refused = 0;
  for (const f of sampleFiles(rejectedDir)) {
    const e = readJson(path.join(rejectedDir, f));
    if (e === undefined) continue; // not JSON: EventBridge never delivers it
    const hits = matching(patterns, e);
    if (MAY_MATCH.has(f)) continue;
    if (hits.length) problems.push(`rejected/${f}: the handler does not process it, but rule(s) ${hits.join(", ")} match it`);
    else refused++;
  }
  for (const f of MAY_MATCH.keys()) {
    if (!fs.existsSync(path.join(rejectedDir, f))) problems.push(`MAY_MATCH names rejected/${f}, which does not exist`);
  }
  notes.push(`${refused} rejected AWS samples matched by no rule (${MAY_MATCH.size} allowed to match: malformed body)`);

  // 3. What the handler ignores, made from the accepted samples, matches no rule.
  let variants = 0;
  for (const v of IGNORED_VARIANTS) {
    const base = accepted.find((a) => !scheduled(a.event) && v.family(a.event));
    if (!base) {
      problems.push(`no accepted sample to build "${v.why}" from`);
      continue;
    }
    const e = JSON.parse(JSON.stringify(base.event));
    v.change(e);
    const hits = matching(patterns, e);
    if (hits.length) problems.push(`${v.why} (from ${base.name}) is ignored by the handler, but rule(s) ${hits.join(", ")} match it`);
    else variants++;
  }
  notes.push(`${variants} ignored-event variants matched by no rule`);

  // 4. The rules cover exactly the handler's (source, detail-type) pairs and CloudTrail calls.
  const contract = handlerContract(repo);
  const covered = new Set();
  for (const p of Object.values(patterns)) {
    for (const s of p.source || []) for (const d of p["detail-type"] || []) covered.add(`${s}|${d}`);
  }
  const handled = new Set(contract.pairs.filter((x) => x.detailType !== "Scheduled Event").map((x) => `${x.source}|${x.detailType}`));
  if (handled.size === 0) problems.push(`${contract.file}: no case "source|detail-type" found`);
  for (const h of handled) if (!covered.has(h)) problems.push(`the handler accepts ${h}, but no rule pattern names it`);
  for (const c of covered) if (!handled.has(c)) problems.push(`a rule pattern names ${c}, which the handler does not accept`);
  const calls = (service) =>
    Object.values(patterns)
      .filter((p) => p.detail && (p.detail.eventSource || []).includes(`${service}.amazonaws.com`))
      .flatMap((p) => p.detail.eventName || [])
      .sort();
  for (const [service, expected] of [["eks", contract.eksCalls], ["ecr", contract.ecrCalls]]) {
    if (!expected) problems.push(`${contract.file}: ${service.toUpperCase()}_CALLS not found`);
    else if (JSON.stringify(calls(service)) !== JSON.stringify(expected)) {
      problems.push(`CloudTrail ${service} calls: rules name [${calls(service)}], the handler evaluates [${expected}]`);
    }
  }
  notes.push(`rules cover the handler's ${handled.size} (source, detail-type) pairs and its ${(contract.eksCalls || []).length + (contract.ecrCalls || []).length} CloudTrail calls`);

  // 5. The scheduler's sweep event has the shape of the Scheduled Event samples and a source the handler reads.
  const sweep = m.locals.sweep_event && resolve(m, "${local.sweep_event}");
  const sample = accepted.find((a) => scheduled(a.event));
  if (!sweep) problems.push("local.sweep_event (the scheduler's input) not found");
  else {
    const sources = contract.pairs.filter((x) => x.detailType === "Scheduled Event").map((x) => x.source);
    if (sweep["detail-type"] !== "Scheduled Event" || !sources.includes(sweep.source)) {
      problems.push(`the sweep event (${sweep.source} / ${sweep["detail-type"]}) is not a Scheduled Event the handler reads (${sources})`);
    }
    if (sample) {
      const a = Object.keys(sample.event).sort().join(",");
      const b = Object.keys(sweep).sort().join(",");
      if (a !== b) problems.push(`the sweep event's fields [${b}] differ from ${sample.name}'s [${a}]`);
    }
    notes.push("the scheduler's sweep event has the Scheduled Event sample's fields and a source the handler reads");
  }
  return { problems, notes };
}

/** The audit-log subscription filter against the CloudWatch Logs samples' audit events. */
function checkAuditLogFilter(m, { samplesDir }) {
  const problems = [];
  const notes = [];
  const pattern = resolve(m, "${local.audit_filter_pattern}");
  if (typeof pattern !== "string") return { problems: ["local.audit_filter_pattern (the audit log subscription filter) not found"], notes };
  const handled = (a) => a.stage === "ResponseComplete" && ["create", "update", "patch", "delete"].includes(a.verb);
  let checked = 0;
  for (const f of sampleFiles(samplesDir)) {
    const e = readJson(path.join(samplesDir, f));
    if (!e || !e.awslogs) continue;
    const payload = JSON.parse(zlib.gunzipSync(Buffer.from(e.awslogs.data, "base64")).toString("utf8"));
    for (const le of payload.logEvents || []) {
      const audit = JSON.parse(le.message);
      let hit;
      try {
        hit = matchesFilter(pattern, audit);
      } catch (x) {
        return { problems: [`audit log filter pattern: ${x.message}`], notes };
      }
      if (hit !== handled(audit)) {
        problems.push(`${f}: audit event ${audit.verb} ${audit.objectRef && audit.objectRef.resource} (${audit.stage}) ${hit ? "passes" : "is dropped by"} the subscription filter, but the handler ${handled(audit) ? "reads" : "skips"} it`);
      }
      checked++;
    }
    for (const [variant, change] of [["a RequestReceived stage", (a) => (a.stage = "RequestReceived")], ["a list", (a) => (a.verb = "list")], ["a watch", (a) => (a.verb = "watch")]]) {
      const a = JSON.parse(payload.logEvents[0].message);
      change(a);
      if (matchesFilter(pattern, a)) problems.push(`${f}: ${variant} passes the audit subscription filter, but the handler skips it`);
    }
  }
  if (checked === 0) problems.push("no CloudWatch Logs sample with audit events found");
  notes.push(`${checked} audit log events of the CloudWatch Logs samples filtered as the handler reads them`);
  return { problems, notes };
}

module.exports = { checkAwsEvents, checkAuditLogFilter, MAY_MATCH };
