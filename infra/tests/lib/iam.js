"use strict";
// Least privilege: no wildcard action anywhere (AWS policy documents, Azure custom roles), no
// wildcard resource where the API takes a narrower one, no broad built-in or primitive role.

const { blocks, blocksWithDynamic, isExpression, resolve } = require("./hcl");

// AWS actions whose API authorizes no resource ARN: IAM accepts only "*" for them. Each is granted on
// "*" only because nothing narrower exists (Service Authorization Reference, "Resource types" empty).
const AWS_STAR_ONLY_ACTIONS = new Map([
  ["eks:ListClusters", "ListClusters is account-wide: no resource type"],
  ["inspector2:ListFindings", "ListFindings takes no resource ARN (ECR's DescribeImageScanFindings calls it for enhanced scanning)"],
]);

// Actions that must name a specific resource kind, as the issue asks: the product/hub ARN for Security
// Hub, the function's own log group for logs.
const AWS_RESOURCE_HINTS = new Map([
  ["securityhub:BatchImportFindings", [":product/"]],
  ["securityhub:GetFindings", [":hub/"]],
  ["logs:CreateLogStream", ["aws_cloudwatch_log_group."]],
  ["logs:PutLogEvents", ["aws_cloudwatch_log_group."]],
  ["sts:AssumeRole", [":role/"]],
]);

// Resources whose policy attribute must come from an aws_iam_policy_document (so it can be checked).
const AWS_POLICY_ATTRIBUTES = {
  aws_iam_role: ["assume_role_policy"],
  aws_iam_role_policy: ["policy"],
  aws_iam_policy: ["policy"],
  aws_iam_user_policy: ["policy"],
  aws_iam_group_policy: ["policy"],
  aws_sqs_queue_policy: ["policy"],
  aws_sns_topic_policy: ["policy"],
  aws_cloudwatch_event_bus_policy: ["policy"],
  aws_s3_bucket_policy: ["policy"],
};

const AZURE_BROAD_ROLES = ["Owner", "Contributor", "User Access Administrator", "Role Based Access Control Administrator", "Security Admin", "Reader"];
// Data-plane roles that exist at a single resource (container, hub, secret, vault): never wider.
const AZURE_RESOURCE_SCOPED_ROLES = [
  "Storage Blob Data Owner",
  "Storage Blob Data Contributor",
  "Storage Blob Data Reader",
  "Storage Queue Data Contributor",
  "Storage Table Data Contributor",
  "Azure Event Hubs Data Receiver",
  "Azure Event Hubs Data Sender",
  "Key Vault Secrets User",
  "Key Vault Secrets Officer",
  "Monitoring Metrics Publisher",
];

const GCP_PRIMITIVE_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];
// Roles that can be granted on the one resource they concern: never at project, folder or organization.
const GCP_RESOURCE_LEVEL_ROLES = [
  "roles/pubsub.publisher",
  "roles/pubsub.subscriber",
  "roles/pubsub.editor",
  "roles/run.invoker",
  "roles/cloudfunctions.invoker",
  "roles/secretmanager.secretAccessor",
  "roles/storage.objectViewer",
  "roles/storage.objectAdmin",
  "roles/iam.serviceAccountUser",
  "roles/iam.serviceAccountTokenCreator",
  "roles/securitycenter.findingsEditor",
];
const GCP_WIDE_IAM_RESOURCES = [
  "google_project_iam_member",
  "google_project_iam_binding",
  "google_folder_iam_member",
  "google_folder_iam_binding",
  "google_organization_iam_member",
  "google_organization_iam_binding",
];

/** The text of a value with the locals it references expanded, to look for resource kinds in it. */
function expandedText(m, value, depth = 0) {
  let text = typeof value === "string" ? value : JSON.stringify(value);
  if (depth > 5) return text;
  for (const x of text.matchAll(/local\.([A-Za-z_][\w-]*)/g)) {
    if (x[1] in m.locals) text += " " + expandedText(m, m.locals[x[1]].value, depth + 1);
  }
  return text;
}

function literalList(m, value) {
  const v = resolve(m, value);
  if (Array.isArray(v) && v.every((x) => typeof x === "string" && !isExpression(x))) return v;
  if (typeof v === "string" && !isExpression(v)) return [v];
  return null;
}

function hasWildcardResource(m, value) {
  const resolved = resolve(m, value);
  if (resolved !== undefined) value = resolved;
  if (Array.isArray(value)) return value.some((v) => v === "*" || (isExpression(v) && /"\*"/.test(expandedText(m, v))));
  if (value === "*") return true;
  return /"\*"/.test(expandedText(m, value));
}

function checkAwsStatement(m, where, st) {
  const problems = [];
  for (const forbidden of ["not_actions", "not_resources", "not_principals"]) {
    if (st[forbidden] !== undefined) problems.push(`${where}: uses ${forbidden} (grant named actions on named resources instead)`);
  }
  const actions = literalList(m, st.actions);
  if (actions === null) {
    problems.push(`${where}: actions must be a literal list of named actions (got ${JSON.stringify(st.actions)})`);
    return problems;
  }
  for (const a of actions) {
    if (a.includes("*") || a.includes("?")) problems.push(`${where}: wildcard action "${a}"`);
    else if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a)) problems.push(`${where}: "${a}" is not a named action`);
  }
  const resources = st.resources;
  if (resources === undefined) {
    if (!blocks(st, "principals").length) problems.push(`${where}: no resources`);
  } else if (hasWildcardResource(m, resources)) {
    for (const a of actions) {
      if (!AWS_STAR_ONLY_ACTIONS.has(a)) {
        problems.push(`${where}: "${a}" is granted on resource "*", but its API takes a narrower resource`);
      }
    }
  } else {
    const text = expandedText(m, resources);
    for (const a of actions) {
      const hints = AWS_RESOURCE_HINTS.get(a);
      if (hints && !hints.some((h) => text.includes(h))) {
        problems.push(`${where}: "${a}" must be granted on ${hints.join(" or ")} resources, not ${JSON.stringify(resources)}`);
      }
    }
  }
  for (const p of blocks(st, "principals")) {
    const ids = Array.isArray(p.identifiers) ? p.identifiers : [p.identifiers];
    if (p.type === "*" || ids.includes("*")) problems.push(`${where}: principal "*"`);
  }
  return problems;
}

function checkAws(m) {
  const problems = [];
  for (const d of m.data.filter((x) => x.type === "aws_iam_policy_document")) {
    for (const { body: st, dynamic } of blocksWithDynamic(d.body, "statement")) {
      const where = `${d.file}: data.aws_iam_policy_document.${d.name} statement ${st.sid ? `"${st.sid}"` : ""}${dynamic ? " (dynamic)" : ""}`;
      problems.push(...checkAwsStatement(m, where, st));
    }
    if (d.body.source_policy_documents || d.body.override_policy_documents) {
      problems.push(`${d.file}: data.aws_iam_policy_document.${d.name} merges other documents: write the statements here`);
    }
  }
  for (const r of m.resources) {
    for (const attr of AWS_POLICY_ATTRIBUTES[r.type] || []) {
      const v = r.body[attr];
      if (v === undefined) continue;
      const fromDocuments = typeof v === "string" && /data\.aws_iam_policy_document\.[\w-]+(\[[^\]]+\])?\.json/.test(v) && !/jsonencode|file\(|templatefile|\{\s*\\?"/.test(v.slice(2));
      if (!fromDocuments) {
        problems.push(`${r.file}: ${r.type}.${r.name}.${attr} must be an aws_iam_policy_document's json (checkable), not ${JSON.stringify(v).slice(0, 80)}`);
      }
    }
    if (r.type === "aws_iam_role_policy_attachment" || r.type === "aws_iam_policy_attachment") {
      problems.push(`${r.file}: ${r.type}.${r.name} attaches a managed policy: write its named actions in a policy document instead`);
    }
    if (r.type === "aws_iam_role" && r.body.managed_policy_arns !== undefined) {
      problems.push(`${r.file}: aws_iam_role.${r.name} attaches managed policies`);
    }
  }
  return problems;
}

function checkAzure(m) {
  const problems = [];
  for (const r of m.resources.filter((x) => x.type === "azurerm_role_definition")) {
    for (const p of blocks(r.body, "permissions")) {
      for (const kind of ["actions", "data_actions"]) {
        if (p[kind] === undefined) continue;
        const list = literalList(m, p[kind]);
        if (list === null) {
          problems.push(`${r.file}: azurerm_role_definition.${r.name} ${kind} must be a literal list (got ${JSON.stringify(p[kind])})`);
          continue;
        }
        for (const a of list) {
          if (a.includes("*")) problems.push(`${r.file}: azurerm_role_definition.${r.name}: wildcard action "${a}"`);
        }
      }
    }
  }
  for (const r of m.resources.filter((x) => x.type === "azurerm_role_assignment")) {
    const role = r.body.role_definition_name;
    const where = `${r.file}: azurerm_role_assignment.${r.name}`;
    if (role === undefined) {
      if (!/azurerm_role_definition\./.test(String(r.body.role_definition_id))) {
        problems.push(`${where}: assign a built-in role by name or this module's custom role`);
      }
      continue;
    }
    if (isExpression(role)) {
      problems.push(`${where}: role_definition_name must be a literal (got ${role})`);
      continue;
    }
    if (AZURE_BROAD_ROLES.includes(role)) problems.push(`${where}: broad built-in role "${role}"`);
    if (AZURE_RESOURCE_SCOPED_ROLES.includes(role)) {
      const scope = String(r.body.scope);
      if (/azurerm_resource_group\.|azurerm_subscription\.|\/subscriptions\/[^/]*"?$|management_group/.test(scope) || /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/.test(scope)) {
        problems.push(`${where}: "${role}" is scoped to ${scope}; scope it to the one resource it is for`);
      }
    }
  }
  return problems;
}

function checkGcp(m) {
  const problems = [];
  for (const r of m.resources) {
    const role = r.body.role;
    if (/^google_.*_iam_(member|binding|policy)$/.test(r.type)) {
      const where = `${r.file}: ${r.type}.${r.name}`;
      if (r.type.endsWith("_iam_policy")) {
        problems.push(`${where}: authoritative IAM policies replace others' grants: use _iam_member`);
        continue;
      }
      const roles = literalList(m, role);
      if (roles === null) {
        if (!/google_(project|organization)_iam_custom_role\./.test(String(role))) {
          problems.push(`${where}: role must be a literal or this module's custom role (got ${role})`);
        }
        continue;
      }
      for (const x of roles) {
        if (GCP_PRIMITIVE_ROLES.includes(x)) problems.push(`${where}: primitive role "${x}"`);
        if (GCP_WIDE_IAM_RESOURCES.includes(r.type) && GCP_RESOURCE_LEVEL_ROLES.includes(x)) {
          problems.push(`${where}: "${x}" is granted on the whole ${r.type.split("_")[1]}; grant it on the resource it is for`);
        }
      }
    }
    if (r.type === "google_project_iam_custom_role" || r.type === "google_organization_iam_custom_role") {
      const perms = literalList(m, r.body.permissions);
      if (perms === null) problems.push(`${r.file}: ${r.type}.${r.name} permissions must be a literal list`);
      else for (const p of perms) if (p.includes("*")) problems.push(`${r.file}: ${r.type}.${r.name}: wildcard permission "${p}"`);
    }
  }
  return problems;
}

function checkIam(m) {
  return [...checkAws(m), ...checkAzure(m), ...checkGcp(m)];
}

module.exports = { checkIam, AWS_STAR_ONLY_ACTIONS };
