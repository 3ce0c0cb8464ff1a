"use strict";
// The Event Grid subscriptions of infra/azure against the Azure function: its Event Grid samples
// (events-samples/azure/eventgrid), its routing source (azure-function's events package), and the
// events it ignores. Event Grid's filter semantics implemented here: included event types (exact,
// case-insensitive), subject begins/ends with (case-insensitive unless case_sensitive), and the
// advanced filters below (string operators are case-insensitive; all filters of a subscription are
// ANDed, the values of one filter ORed; a missing key fails every filter but the "not" ones). An
// operator this implementation does not know is an error, never a silent non-match.

const fs = require("node:fs");
const path = require("node:path");
const { blocks, resolve } = require("./hcl");

// Rejected samples a subscription may deliver: the function refuses them for a malformed body that
// Event Grid filters cannot test, not for their type. Every other rejected sample must match nothing.
const MAY_MATCH = new Map([
  ["arn-without-resource-info.json", "a Resource Notification without data.resourceInfo: its subject names an AKS cluster"],
  ["cloudevents-wrong-specversion.json", "a CloudEvents 0.3 envelope of an image push: filters see the type, not the spec version"],
  ["image-pushed-without-digest.json", "an image push without a digest: filtering on data.target.digest would drop pushes whose data arrives as a JSON string"],
  ["aks-event-topic-not-a-cluster.json", "an AKS event whose topic is a resource group: a cluster's system topic never sends one"],
]);

// Which system topic type publishes which event types.
const TOPIC_EVENT_PREFIX = {
  "Microsoft.Resources.Subscriptions": "Microsoft.Resources.",
  "Microsoft.Resources.ResourceGroups": "Microsoft.Resources.",
  "Microsoft.ResourceNotifications.Resources": "Microsoft.ResourceNotifications.Resources.",
  "Microsoft.ContainerRegistry.Registries": "Microsoft.ContainerRegistry.",
  "Microsoft.ContainerService.ManagedClusters": "Microsoft.ContainerService.",
};

// Events the function ignores, made from an accepted sample of the family: each must match nothing.
const IGNORED_VARIANTS = [
  {
    family: (e) => /ResourceWriteSuccess$/i.test(typeOf(e)),
    why: "a resource action (ResourceActionSuccess), not a write or delete",
    change: (e) => setType(e, "Microsoft.Resources.ResourceActionSuccess"),
  },
  {
    family: (e) => /ResourceWriteSuccess$/i.test(typeOf(e)),
    why: "a write of a web app (a type the function does not evaluate)",
    change: (e) => (e.subject = "/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916/resourceGroups/rg-web/providers/Microsoft.Web/sites/shop-frontend"),
  },
  {
    family: (e) => /ResourceWriteSuccess$/i.test(typeOf(e)),
    why: "a diagnostic setting of a storage account (a child of a type not evaluated)",
    change: (e) => (e.subject = "/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916/resourceGroups/rg-registries/providers/Microsoft.Storage/storageAccounts/stshopbuildlogs/providers/Microsoft.Insights/diagnosticSettings/to-law"),
  },
  {
    family: (e) => /ResourceNotifications/i.test(typeOf(e)),
    why: "a Resource Notification of a virtual machine",
    change: (e) => (e.subject = "/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916/resourceGroups/rg-vm/providers/Microsoft.Compute/virtualMachines/build-agent-1"),
  },
  {
    family: (e) => /ContainerRegistry\.ImagePushed$/i.test(typeOf(e)),
    why: "a Helm chart push (ChartPushed), not an image",
    change: (e) => setType(e, "Microsoft.ContainerRegistry.ChartPushed"),
  },
];

function typeOf(e) {
  return e.eventType !== undefined ? e.eventType : e.type;
}
function setType(e, t) {
  if (e.eventType !== undefined) e.eventType = t;
  else e.type = t;
}

/** The value an advanced filter key names in an event (Event Grid or CloudEvents schema). */
function keyValue(event, key) {
  const k = key.toLowerCase();
  const aliases = { eventtype: ["eventType", "type"], type: ["type", "eventType"], topic: ["topic", "source"], source: ["source", "topic"] };
  if (!k.startsWith("data.")) {
    for (const name of aliases[k] || [key]) {
      const hit = Object.keys(event).find((x) => x.toLowerCase() === name.toLowerCase());
      if (hit !== undefined) return event[hit];
    }
    return undefined;
  }
  let v = event.data;
  for (const part of key.split(".").slice(1)) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
    const hit = Object.keys(v).find((x) => x === part);
    v = hit === undefined ? undefined : v[hit];
  }
  return v;
}

const STRING_OPS = {
  string_contains: (v, x) => v.includes(x),
  string_begins_with: (v, x) => v.startsWith(x),
  string_ends_with: (v, x) => v.endsWith(x),
  string_in: (v, x) => v === x,
};
const NEGATED = {
  string_not_contains: "string_contains",
  string_not_begins_with: "string_begins_with",
  string_not_ends_with: "string_ends_with",
  string_not_in: "string_in",
};

function advancedFilterMatches(op, key, values, event) {
  const v = keyValue(event, key);
  if (op in STRING_OPS) {
    if (typeof v !== "string") return false;
    return values.some((x) => STRING_OPS[op](v.toLowerCase(), String(x).toLowerCase()));
  }
  if (op in NEGATED) {
    if (typeof v !== "string") return true;
    return !values.some((x) => STRING_OPS[NEGATED[op]](v.toLowerCase(), String(x).toLowerCase()));
  }
  if (op === "is_not_null") return v !== undefined && v !== null;
  if (op === "is_null_or_undefined") return v === undefined || v === null;
  if (op === "bool_equals") return v === values[0];
  throw new Error(`advanced filter ${op} is not implemented by the check: implement it before using it`);
}

/** The subscriptions of the module: topic type, event types, subject filter, advanced filters. */
function subscriptionsOf(m) {
  const subs = [];
  const problems = [];
  const topics = new Map(m.resources.filter((r) => r.type === "azurerm_eventgrid_system_topic").map((r) => [r.name, r]));
  for (const r of m.resources.filter((x) => x.type === "azurerm_eventgrid_system_topic_event_subscription")) {
    const where = `${r.file}: azurerm_eventgrid_system_topic_event_subscription.${r.name}`;
    const t = /azurerm_eventgrid_system_topic\.([\w-]+)/.exec(String(r.body.system_topic));
    const topic = t && topics.get(t[1]);
    if (!topic) {
      problems.push(`${where}: system_topic ${r.body.system_topic} is not a system topic of this module`);
      continue;
    }
    const topicType = resolve(m, topic.body.topic_type);
    const eventTypes = resolve(m, r.body.included_event_types);
    if (!Array.isArray(eventTypes) || eventTypes.length === 0) {
      problems.push(`${where}: included_event_types must be a non-empty list readable statically (got ${r.body.included_event_types})`);
      continue;
    }
    const subject = blocks(r.body, "subject_filter")[0] || {};
    const filters = [];
    for (const af of blocks(r.body, "advanced_filter")) {
      for (const [op, list] of Object.entries(af)) {
        for (const f of Array.isArray(list) ? list : [list]) {
          const values = f.values === undefined ? (f.value === undefined ? [] : [resolve(m, f.value)]) : resolve(m, f.values);
          if (!Array.isArray(values)) {
            problems.push(`${where}: advanced filter ${op} ${f.key}: values must be readable statically (got ${f.values})`);
            continue;
          }
          filters.push({ op, key: f.key, values });
        }
      }
    }
    subs.push({ name: r.name, topicType, eventTypes, subject, filters, arrays: r.body.advanced_filtering_on_arrays_enabled === true });
  }
  return { subs, problems };
}

function subscriptionMatches(sub, event) {
  const type = typeOf(event);
  if (typeof type !== "string") return false;
  const prefix = TOPIC_EVENT_PREFIX[sub.topicType];
  if (prefix === undefined) throw new Error(`topic type ${sub.topicType} is unknown to the check`);
  if (!type.toLowerCase().startsWith(prefix.toLowerCase())) return false;
  if (!sub.eventTypes.some((t) => t.toLowerCase() === type.toLowerCase())) return false;
  const subject = typeof event.subject === "string" ? event.subject : "";
  const cs = sub.subject.case_sensitive === true;
  const norm = (s) => (cs ? s : s.toLowerCase());
  if (sub.subject.subject_begins_with && !norm(subject).startsWith(norm(sub.subject.subject_begins_with))) return false;
  if (sub.subject.subject_ends_with && !norm(subject).endsWith(norm(sub.subject.subject_ends_with))) return false;
  return sub.filters.every((f) => advancedFilterMatches(f.op, f.key, f.values, event));
}

function eventsOf(file) {
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return null;
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}

function jsonFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
    .sort();
}

/** What the function's routing source accepts: event types, the AKS event prefix, ARM resource types. */
function handlerContract(repo) {
  const dir = path.join(repo, "azure-function/src/main/java/dev/containerwatch/azure/events");
  const read = (f) => fs.readFileSync(path.join(dir, f), "utf8");
  const constants = (src) => [...src.matchAll(/static final String \w+\s*=\s*"([^"]+)"/g)].map((x) => x[1]);
  const rm = constants(read("ResourceManagerEvents.java"));
  const rnSrc = read("ResourceNotificationEvents.java");
  const rnPrefix = /PREFIX\s*=\s*"([^"]+)"/.exec(rnSrc)[1];
  const rn = [...rnSrc.matchAll(/PREFIX\s*\+\s*"([^"]+)"/g)].map((x) => rnPrefix + x[1]);
  const cr = constants(read("ContainerRegistryEvents.java"));
  const csSrc = read("ContainerServiceEvents.java");
  const csPrefix = /PREFIX\s*=\s*"([^"]+)"/.exec(csSrc)[1];
  const csDocumented = [...csSrc.matchAll(/\{@code\s+(?:\*\s*)?(\w+)\}/g)].map((x) => csPrefix + x[1]).filter((t) => /\.(New|Cluster|NodePool)\w+$/.test(t));
  // The function resolves ARM types through the shared table of common-rules (ResourceDocuments).
  const shared = fs.readFileSync(
    path.join(repo, "common-rules/src/main/java/dev/containerwatch/documents/ResourceDocuments.java"),
    "utf8");
  const table = shared.slice(shared.indexOf("ARM_TYPES ="), shared.indexOf("ARM_CHILD_TYPES"));
  const armTypes = [...table.matchAll(/"(microsoft\.[a-z.]+\/[a-z]+)",\s*ResourceType\./g)].map((x) => x[1]).sort();
  return { eventTypes: [...rm, ...rn, ...cr], csPrefix, csDocumented, armTypes };
}

function checkAzureEvents(m, { samplesDir, repo }) {
  const problems = [];
  const notes = [];
  const { subs, problems: readProblems } = subscriptionsOf(m);
  problems.push(...readProblems);
  if (subs.length === 0) {
    problems.push("no Event Grid subscription found in the module");
    return { problems, notes };
  }
  // Subscriptions on topics of one kind are alternatives (the subscription's topic, or some of its
  // resource groups' topics: the module refuses both at once), so delivery is counted per topic kind.
  const deliveredBy = (event) => {
    const kinds = new Map();
    for (const s of subs.filter((x) => subscriptionMatches(x, event))) {
      const kind = TOPIC_EVENT_PREFIX[s.topicType];
      kinds.set(kind, (kinds.get(kind) || []).concat(s.name));
    }
    return [...kinds.values()].map((names) => names.join("|"));
  };

  // 1. Every Event Grid sample the function processes is delivered by exactly one subscription.
  const dir = path.join(samplesDir, "eventgrid");
  const accepted = [];
  for (const f of jsonFiles(dir)) {
    const events = eventsOf(path.join(dir, f));
    if (!events) {
      problems.push(`eventgrid/${f}: not JSON`);
      continue;
    }
    events.forEach((e, i) => accepted.push({ name: events.length > 1 ? `${f}[${i}]` : f, event: e }));
  }
  let ok = 0;
  for (const { name, event } of accepted) {
    const hits = deliveredBy(event);
    if (hits.length === 0) problems.push(`eventgrid/${name}: the function processes ${typeOf(event)} of ${event.subject}, but no subscription delivers it`);
    else if (hits.length > 1) problems.push(`eventgrid/${name}: delivered by ${hits.length} subscriptions (${hits.join(", ")})`);
    else ok++;
  }
  notes.push(`${ok} accepted Event Grid samples each delivered by exactly one subscription`);

  // 2. Rejected samples are delivered by none, unless refused for a body filters cannot test.
  const rdir = path.join(samplesDir, "rejected", "eventgrid");
  let refused = 0;
  for (const f of jsonFiles(rdir)) {
    const events = eventsOf(path.join(rdir, f));
    if (!events) continue; // not JSON: Event Grid never delivers it
    if (MAY_MATCH.has(f)) continue;
    for (const e of events) {
      const hits = deliveredBy(e);
      if (hits.length) problems.push(`rejected/eventgrid/${f}: the function does not process it, but ${hits.join(", ")} deliver it`);
      else refused++;
    }
  }
  for (const f of MAY_MATCH.keys()) {
    if (!fs.existsSync(path.join(rdir, f))) problems.push(`MAY_MATCH names rejected/eventgrid/${f}, which does not exist`);
  }
  notes.push(`${refused} rejected Event Grid samples delivered by none (${MAY_MATCH.size} allowed: malformed body)`);

  // 3. Variants the function ignores are delivered by none.
  let variants = 0;
  for (const v of IGNORED_VARIANTS) {
    const base = accepted.find((a) => v.family(a.event));
    if (!base) {
      problems.push(`no accepted sample to build "${v.why}" from`);
      continue;
    }
    const e = JSON.parse(JSON.stringify(base.event));
    v.change(e);
    const hits = deliveredBy(e);
    if (hits.length) problems.push(`${v.why} (from ${base.name}) is ignored by the function, but ${hits.join(", ")} deliver it`);
    else variants++;
  }
  notes.push(`${variants} ignored-event variants delivered by none`);

  // 4. The filters name exactly what the function's routing reads.
  const c = handlerContract(repo);
  const included = new Set(subs.flatMap((s) => s.eventTypes.map((t) => t.toLowerCase())));
  for (const t of c.eventTypes) if (!included.has(t.toLowerCase())) problems.push(`the function reads ${t}, but no subscription includes it`);
  for (const t of c.csDocumented) if (!included.has(t.toLowerCase())) problems.push(`the function reads ${t}, but no subscription includes it`);
  const known = new Set([...c.eventTypes, ...c.csDocumented].map((t) => t.toLowerCase()));
  for (const t of included) {
    if (!known.has(t) && !t.startsWith(c.csPrefix.toLowerCase())) problems.push(`a subscription includes ${t}, which the function does not read`);
  }
  for (const s of subs) {
    const subjectFilter = s.filters.find((f) => f.key === "subject" && f.op === "string_contains");
    if (!/^Microsoft\.(Resources|ResourceNotifications)\./.test(s.topicType)) continue;
    if (!subjectFilter) {
      problems.push(`${s.name}: a ${s.topicType} subscription without a subject filter on the evaluated resource types`);
      continue;
    }
    const types = subjectFilter.values.map((v) => v.replace(/^\/providers\//i, "").replace(/\/$/, "").toLowerCase()).sort();
    if (JSON.stringify(types) !== JSON.stringify(c.armTypes)) {
      problems.push(`${s.name}: subject filter names [${types}], the function evaluates [${c.armTypes}]`);
    }
  }
  notes.push(`filters name the function's ${c.eventTypes.length + c.csDocumented.length} event types and ${c.armTypes.length} resource types`);
  return { problems, notes };
}

module.exports = { checkAzureEvents, subscriptionMatches, MAY_MATCH };
