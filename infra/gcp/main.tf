data "google_project" "this" {
  project_id = var.project_id
}

locals {
  project_ids   = length(var.project_ids) > 0 ? var.project_ids : [var.project_id]
  watch_parent  = coalesce(var.watch_parent, var.project_id)
  function_uri  = google_cloudfunctions2_function.this.service_config[0].uri
  pubsub_agent  = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  scc_source    = var.organization_id == null ? null : google_scc_source.this[0].name
  secret_needed = var.webhook_url != null

  environment = merge(
    { CONTAINERWATCH_PROJECTS = join(",", local.project_ids) },
    local.scc_source == null ? {} : { CONTAINERWATCH_SCC_SOURCE = local.scc_source },
    var.rule_configuration == null ? {} : { CONTAINERWATCH_CONFIG = var.rule_configuration },
    var.webhook_url == null ? {} : { CONTAINERWATCH_WEBHOOK_URL = var.webhook_url },
    var.java_tool_options == null ? {} : { JAVA_TOOL_OPTIONS = var.java_tool_options },
  )
}

# The function runs as its own service account; Pub/Sub (or Eventarc) calls it as another one, which
# may only invoke it.
resource "google_service_account" "function" {
  project      = var.project_id
  account_id   = "${var.name}-function"
  display_name = "containerwatch function"
}

resource "google_service_account" "invoker" {
  project      = var.project_id
  account_id   = "${var.name}-invoker"
  display_name = "containerwatch: Pub/Sub and Eventarc deliveries to the function"
}

resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.name}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = var.labels
}

resource "google_storage_bucket_object" "source" {
  name   = "gcp-function-${filemd5(var.source_archive)}.zip"
  bucket = google_storage_bucket.source.name
  source = var.source_archive
}

resource "google_cloudfunctions2_function" "this" {
  project     = var.project_id
  name        = var.name
  location    = var.region
  description = "containerwatch: GKE clusters, Artifact Registry images and GKE audit logs evaluated against the Defender for Cloud container recommendations"
  labels      = var.labels

  build_config {
    runtime     = var.runtime
    entry_point = var.entry_point

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    available_memory               = var.memory
    timeout_seconds                = var.timeout_seconds
    max_instance_count             = var.max_instance_count
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.function.email
    environment_variables          = local.environment

    dynamic "secret_environment_variables" {
      for_each = local.secret_needed ? [1] : []

      content {
        key        = "CONTAINERWATCH_WEBHOOK_SECRET"
        project_id = var.project_id
        secret     = google_secret_manager_secret.webhook[0].secret_id
        version    = "latest"
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.organization_id != null || var.webhook_url != null
      error_message = "The function writes findings to SCC (organization_id) or a webhook (webhook_url): give at least one."
    }
  }

  depends_on = [google_secret_manager_secret_iam_member.webhook]
}

# The webhook's signing secret: in Secret Manager, readable by the function alone.
resource "google_secret_manager_secret" "webhook" {
  count = local.secret_needed ? 1 : 0

  project   = var.project_id
  secret_id = "${var.name}-webhook-secret"
  labels    = var.labels

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "webhook" {
  count = local.secret_needed ? 1 : 0

  secret      = google_secret_manager_secret.webhook[0].id
  secret_data = var.webhook_secret

  lifecycle {
    precondition {
      condition     = var.webhook_secret != null
      error_message = "webhook_url needs webhook_secret (the signing secret)."
    }
  }
}

resource "google_secret_manager_secret_iam_member" "webhook" {
  count = local.secret_needed ? 1 : 0

  project   = var.project_id
  secret_id = google_secret_manager_secret.webhook[0].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function.member
}
