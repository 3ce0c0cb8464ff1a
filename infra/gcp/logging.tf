# GKE audit logs (Admin Activity: cluster administration and Kubernetes object writes) routed by a log
# sink to the audit topic, for a project, a folder or an organization. The filter is gcp-function's
# (ClusterManager calls; create, update, patch and delete of the core, apps, batch and networking v1
# kinds the rules read), and of a long-running operation it keeps only the last entry.

locals {
  audit_log_filter = <<-EOT
    logName:"cloudaudit.googleapis.com%2Factivity"
    AND NOT (operation.first=true AND NOT operation.last=true)
    AND (
      (protoPayload.serviceName="container.googleapis.com" AND protoPayload.methodName:"ClusterManager.")
      OR (protoPayload.serviceName="k8s.io" AND protoPayload.methodName=~"^io\.k8s\.(core|apps|batch|networking)\.v1\.[a-z]+\.(create|update|patch|delete)$")
    )
  EOT
  sink_name   = "${var.name}-gke-audit"
  sink_target = "pubsub.googleapis.com/${google_pubsub_topic.owned["audit"].id}"
  sink_writer = one(concat(
    google_logging_project_sink.audit[*].writer_identity,
    google_logging_folder_sink.audit[*].writer_identity,
    google_logging_organization_sink.audit[*].writer_identity,
  ))
}

resource "google_logging_project_sink" "audit" {
  count = var.watch_scope == "project" ? 1 : 0

  project                = local.watch_parent
  name                   = local.sink_name
  destination            = local.sink_target
  filter                 = local.audit_log_filter
  unique_writer_identity = true
}

resource "google_logging_folder_sink" "audit" {
  count = var.watch_scope == "folder" ? 1 : 0

  folder           = local.watch_parent
  name             = local.sink_name
  destination      = local.sink_target
  filter           = local.audit_log_filter
  include_children = true
}

resource "google_logging_organization_sink" "audit" {
  count = var.watch_scope == "organization" ? 1 : 0

  org_id           = local.watch_parent
  name             = local.sink_name
  destination      = local.sink_target
  filter           = local.audit_log_filter
  include_children = true
}

resource "google_pubsub_topic_iam_member" "sink_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.owned["audit"].name
  role    = "roles/pubsub.publisher"
  member  = local.sink_writer
}
