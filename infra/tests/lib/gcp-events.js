"use strict";
// The GCP module's event sources against the GCP samples (events-samples/gcp, when present): which of
// the samples the module's sources would publish to a topic the function is subscribed to. Each
// sample's message is routed by what it is: a Cloud Asset feed TemporalAsset (the feed publishes it
// when its asset type is among the feed's and its content type is the feed's), an audit LogEntry (the
// sink publishes it when the sink's filter matches), a gcr or Artifact Analysis notification (the
// module subscribes to those topics of the registry projects), a sweep request (the scheduler's data).

const fs = require("node:fs");
const path = require("node:path");
const { resolve, forEachSource } = require("./hcl");
const { matchesLogFilter } = require("./logging-filter");

// Samples the function ignores that the module must not deliver at all: a filter can tell them apart.
const MUST_NOT_DELIVER = new Map([
  ["asset-other-type.json", "an asset of a type the feed does not watch"],
  ["audit-cluster-update-started.json", "the first entry of a long-running operation (only the last counts)"],
]);

// Rejected samples the module may deliver: refused for a malformed body no feed type, topic or log
// filter can test. Every other rejected sample must not be delivered.
const MAY_DELIVER = new Map([
  ["asset-cluster-bad-name.json", "a cluster asset whose name is malformed"],
  ["gcr-unknown-action.json", "a gcr notification with an unknown action: the topic has no filter"],
  ["gcr-not-artifact-registry.json", "a gcr notification of an image outside Artifact Registry"],
  ["audit-k8s-no-cluster.json", "a k8s.io audit entry whose resource labels name no cluster"],
  ["not-base64.json", "a message on the gcr topic whose data is not base64: the topic has no filter"],
]);

// Entries the function skips, made from a processed audit sample: each must not be delivered.
const IGNORED_VARIANTS = [
  { family: (j) => j.protoPayload && j.protoPayload.serviceName === "k8s.io", why: "a Kubernetes read (get)", change: (j) => (j.protoPayload.methodName = j.protoPayload.methodName.replace(/\.[a-z]+$/, ".get")) },
  { family: (j) => j.protoPayload && j.protoPayload.serviceName === "k8s.io", why: "a subresource write (status)", change: (j) => (j.protoPayload.methodName = j.protoPayload.methodName.replace(/\.([a-z]+)$/, ".status.$1")) },
  { family: (j) => j.protoPayload && j.protoPayload.serviceName === "k8s.io", why: "a write of a kind no rule reads (a Lease)", change: (j) => (j.protoPayload.methodName = "io.k8s.coordination.v1.leases.update") },
  { family: (j) => j.protoPayload && j.protoPayload.serviceName === "container.googleapis.com", why: "an audit entry of another service", change: (j) => (j.protoPayload.serviceName = "compute.googleapis.com") },
  { family: (j) => j.protoPayload, why: "a Data Access entry", change: (j) => (j.logName = j.logName.replace("activity", "data_access")) },
];

function jsonFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
    .sort();
}

/** The message a sample CloudEvent carries: {topic, text, json} or null when it is not a Pub/Sub one. */
function messageOf(event) {
  if (!event || event.type !== "google.cloud.pubsub.topic.v1.messagePublished") return null;
  const m = /\/topics\/([^/]+)$/.exec(String(event.source || ""));
  const data = event.data && event.data.message && event.data.message.data;
  if (typeof data !== "string" || !/^[A-Za-z0-9+/=\s]*$/.test(data)) return { topic: m && m[1], text: null, json: null };
  const text = Buffer.from(data, "base64").toString("utf8");
  let json = null;
  try {
    json = JSON.parse(text);
  } catch (e) {
    json = null;
  }
  return { topic: m && m[1], text, json };
}

/** What the module's sources are: feed asset types and content type, sink filter, topics, sweep data. */
function sourcesOf(m) {
  const problems = [];
  const feeds = m.resources.filter((r) => /^google_cloud_asset_(project|folder|organization)_feed$/.test(r.type));
  if (feeds.length === 0) problems.push("no Cloud Asset feed in the module");
  const assetTypes = new Set();
  const contentTypes = new Set();
  for (const f of feeds) {
    const types = resolve(m, f.body.asset_types);
    if (!Array.isArray(types)) problems.push(`${f.file}: ${f.type}.${f.name} asset_types must be readable statically`);
    else types.forEach((t) => assetTypes.add(t));
    contentTypes.add(resolve(m, f.body.content_type));
  }
  if (contentTypes.size !== 1) problems.push(`feeds have content types ${[...contentTypes]}: they must agree`);
  const sinks = m.resources.filter((r) => /^google_logging_(project|folder|organization)_sink$/.test(r.type));
  const filters = new Set(sinks.map((s) => resolve(m, s.body.filter)));
  if (sinks.length === 0) problems.push("no audit log sink in the module");
  if (filters.size !== 1 || [...filters][0] === undefined) problems.push("the audit log sinks' filter must be one literal (a local) shared by all scopes");
  const topicsLocal = !m.locals.topics ? "" : typeof m.locals.topics.value === "string" ? m.locals.topics.value : JSON.stringify(m.locals.topics.value);
  const subscribed = {
    gcr: /topics\/gcr"/.test(topicsLocal),
    occurrences: /topics\/container-analysis-occurrences-v1"/.test(topicsLocal),
  };
  const scheduler = m.resources.find((r) => r.type === "google_cloud_scheduler_job");
  let sweep = null;
  if (scheduler) {
    const data = scheduler.body.pubsub_target && scheduler.body.pubsub_target[0] && scheduler.body.pubsub_target[0].data;
    const x = /^\$\{base64encode\(jsonencode\((\{[\s\S]*\})\)\)\}$/.exec(String(data));
    if (x) {
      try {
        sweep = Function(`"use strict"; return (${x[1].replace(/(\w+)\s*=/g, '"$1":')});`)();
      } catch (e) {
        sweep = null;
      }
    }
    if (!sweep) problems.push(`${scheduler.file}: the scheduler's data must be base64encode(jsonencode({ ... literal ... }))`);
  }
  const subscriptions = m.resources.filter((r) => r.type === "google_pubsub_subscription" && /local\.topics/.test(String(r.body.for_each)));
  if (subscriptions.length === 0 || !forEachSource(m, "${local.owned_topics}")) problems.push("no subscription delivering local.topics to the function");
  for (const s of subscriptions) {
    if (!s.body.dead_letter_policy) problems.push(`${s.file}: google_pubsub_subscription.${s.name} has no dead_letter_policy`);
  }
  return {
    problems,
    assetTypes,
    contentType: [...contentTypes][0],
    filter: [...filters][0],
    subscribed,
    sweep,
  };
}

/** Would the module deliver this message to the function? Returns [delivered, why]. */
function delivery(src, msg) {
  if (!msg) return [false, "not a Pub/Sub message"];
  if (msg.topic === "gcr") return [src.subscribed.gcr, "the gcr topic"];
  if (msg.topic === "container-analysis-occurrences-v1") return [src.subscribed.occurrences, "the Artifact Analysis topic"];
  if (msg.text === null) return [false, "not a message any source of the module publishes"];
  const j = msg.json;
  if (j === null) {
    // A new feed's plain-text welcome message is published by the feed itself.
    return [/feed/i.test(msg.text), "a feed's welcome message"];
  }
  if (j.asset && typeof j.asset.assetType === "string") {
    if (!src.assetTypes.has(j.asset.assetType)) return [false, `asset type ${j.asset.assetType} is not among the feed's`];
    const part = { RESOURCE: "resource", IAM_POLICY: "iamPolicy", ORG_POLICY: "orgPolicy", ACCESS_POLICY: "accessPolicy", OS_INVENTORY: "osInventory", RELATIONSHIP: "relatedAssets" }[src.contentType];
    if (!j.asset[part] && j.deleted !== true) return [false, `a ${src.contentType} feed publishes assets with their ${part}`];
    return [true, "the Cloud Asset feed"];
  }
  if (j.protoPayload) return [matchesLogFilter(src.filter, j), "the audit log sink's filter"];
  if (j.action === "sweep") return [JSON.stringify(j) === JSON.stringify(src.sweep), "the scheduler's sweep"];
  return [false, "not a message any source of the module publishes"];
}

function outcomeOf(repo, samplesDir, file) {
  const golden = path.join(repo, "gcp-function/src/test/resources/golden", file);
  if (fs.existsSync(golden)) {
    try {
      return JSON.parse(fs.readFileSync(golden, "utf8")).result || null;
    } catch (e) {
      return null;
    }
  }
  const expected = path.join(samplesDir, file.replace(/\.json$/, ".expected.json"));
  if (fs.existsSync(expected)) {
    const e = JSON.parse(fs.readFileSync(expected, "utf8"));
    if (Array.isArray(e) && e.length > 0) return "PROCESSED";
  }
  return null;
}

function checkGcpEvents(m, { samplesDir, repo }) {
  const problems = [];
  const notes = [];
  const src = sourcesOf(m);
  problems.push(...src.problems);
  if (!fs.existsSync(samplesDir)) {
    notes.push("events-samples/gcp not present: only the module's sources were read");
    return { problems, notes };
  }
  const read = (f) => {
    try {
      return JSON.parse(fs.readFileSync(f, "utf8"));
    } catch (e) {
      return null;
    }
  };
  let delivered = 0;
  let kept = 0;
  let unknown = 0;
  for (const f of jsonFiles(samplesDir)) {
    const [hit, why] = delivery(src, messageOf(read(path.join(samplesDir, f))));
    const outcome = outcomeOf(repo, samplesDir, f);
    if (MUST_NOT_DELIVER.has(f)) {
      if (hit) problems.push(`${f}: ${MUST_NOT_DELIVER.get(f)} is delivered (${why})`);
      else kept++;
    } else if (outcome === "PROCESSED") {
      if (!hit) problems.push(`${f}: the function processes it, but the module does not deliver it (${why})`);
      else delivered++;
    } else {
      unknown++;
    }
  }
  for (const f of MUST_NOT_DELIVER.keys()) if (!fs.existsSync(path.join(samplesDir, f))) problems.push(`MUST_NOT_DELIVER names ${f}, which does not exist`);
  let variants = 0;
  const processed = jsonFiles(samplesDir)
    .filter((f) => outcomeOf(repo, samplesDir, f) === "PROCESSED")
    .map((f) => messageOf(read(path.join(samplesDir, f))))
    .filter((msg) => msg && msg.json);
  for (const v of IGNORED_VARIANTS) {
    const base = processed.find((msg) => v.family(msg.json));
    if (!base) {
      problems.push(`no processed sample to build "${v.why}" from`);
      continue;
    }
    const json = JSON.parse(JSON.stringify(base.json));
    v.change(json);
    const [hit, why] = delivery(src, { topic: base.topic, text: JSON.stringify(json), json });
    if (hit) problems.push(`${v.why} is ignored by the function, but the module delivers it (${why})`);
    else variants++;
  }
  const rdir = path.join(samplesDir, "rejected");
  let refused = 0;
  for (const f of jsonFiles(rdir)) {
    const [hit, why] = delivery(src, messageOf(read(path.join(rdir, f))));
    if (MAY_DELIVER.has(f)) continue;
    if (hit) problems.push(`rejected/${f}: the function rejects it, but the module delivers it (${why})`);
    else refused++;
  }
  for (const f of MAY_DELIVER.keys()) if (!fs.existsSync(path.join(rdir, f))) problems.push(`MAY_DELIVER names rejected/${f}, which does not exist`);
  notes.push(
    `${delivered} processed GCP samples delivered, ${kept} ignored ones filtered out, ${unknown} ignored ones delivered (no filter can tell), ${variants} ignored-entry variants not delivered, ${refused} rejected ones not delivered (${MAY_DELIVER.size} allowed: malformed body)`
  );
  return { problems, notes };
}

module.exports = { checkGcpEvents };
