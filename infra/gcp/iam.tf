# The function's service account: a custom role of exactly the reads it makes, in each project it
# watches (GKE has no per-cluster IAM, so the project is the narrowest scope for clusters.get/list),
# and the SCC findings editor role on its one source.

resource "google_project_iam_custom_role" "reader" {
  for_each = toset(local.project_ids)

  project     = each.key
  role_id     = replace("${var.name}_reader", "-", "_")
  title       = "containerwatch reader"
  description = "containerwatch: reads GKE clusters (with their node pools) and Artifact Analysis occurrences."
  permissions = [
    "container.clusters.get",
    "container.clusters.list",
    "containeranalysis.occurrences.get",
    "containeranalysis.occurrences.list",
  ]
}

resource "google_project_iam_member" "reader" {
  for_each = toset(local.project_ids)

  project = each.key
  role    = google_project_iam_custom_role.reader[each.key].name
  member  = google_service_account.function.member
}

resource "google_scc_source_iam_member" "findings" {
  count = var.organization_id == null ? 0 : 1

  organization = var.organization_id
  source       = google_scc_source.this[0].name
  role         = "roles/securitycenter.findingsEditor"
  member       = google_service_account.function.member
}

resource "google_cloud_run_service_iam_member" "invoker" {
  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.this.name
  role     = "roles/run.invoker"
  member   = google_service_account.invoker.member
}

# Pub/Sub signs each push with an OIDC token of the invoker account.
resource "google_service_account_iam_member" "pubsub_token_creator" {
  count = var.delivery == "pubsub" ? 1 : 0

  service_account_id = google_service_account.invoker.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

# Eventarc triggers deliver as the invoker account, which must be allowed to receive events.
resource "google_project_iam_member" "eventarc_receiver" {
  count = var.delivery == "eventarc" ? 1 : 0

  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = google_service_account.invoker.member
}
