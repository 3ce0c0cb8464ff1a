# Pub/Sub: one topic per source the module owns (asset feed, audit log sink, sweep), the registries'
# own topics, and one subscription per topic delivering to the function, with retries and a
# dead-letter topic. The push endpoint asks Cloud Run to present each push as the CloudEvent
# (google.cloud.pubsub.topic.v1.messagePublished) the function takes, as Eventarc's own
# subscriptions do.

locals {
  owned_topics = {
    assets = "${var.name}-assets"
    audit  = "${var.name}-gke-audit"
    sweep  = "${var.name}-sweep"
  }
  topics = merge(
    { for k, t in google_pubsub_topic.owned : k => t.id },
    { for p in var.registry_project_ids : "gcr-${p}" => "projects/${p}/topics/gcr" },
    { for p in var.registry_project_ids : "occurrences-${p}" => "projects/${p}/topics/container-analysis-occurrences-v1" },
  )
}

resource "google_pubsub_topic" "owned" {
  for_each = local.owned_topics

  project                    = var.project_id
  name                       = each.value
  message_retention_duration = "86400s"
  labels                     = var.labels
}

# Artifact Registry publishes image pushes and deletes to a topic named gcr, when it exists.
resource "google_pubsub_topic" "gcr" {
  for_each = var.create_gcr_topics ? toset(var.registry_project_ids) : toset([])

  project = each.key
  name    = "gcr"
  labels  = var.labels
}

resource "google_pubsub_topic" "dead_letter" {
  project                    = var.project_id
  name                       = "${var.name}-dead-letter"
  message_retention_duration = "604800s"
  labels                     = var.labels
}

# Keeps dead letters for inspection and replay (a topic without subscription drops them).
resource "google_pubsub_subscription" "dead_letter" {
  project                    = var.project_id
  name                       = "${var.name}-dead-letter"
  topic                      = google_pubsub_topic.dead_letter.id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60
  labels                     = var.labels

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "function" {
  for_each = var.delivery == "pubsub" ? local.topics : {}

  project                    = var.project_id
  name                       = "${var.name}-${each.key}"
  topic                      = each.value
  ack_deadline_seconds       = min(600, var.timeout_seconds + 30)
  message_retention_duration = "604800s"
  labels                     = var.labels

  push_config {
    push_endpoint = "${local.function_uri}?__GCP_CloudEventsMode=CUSTOM_PUBSUB_${urlencode(each.value)}"

    oidc_token {
      service_account_email = google_service_account.invoker.email
      audience              = local.function_uri
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  depends_on = [google_pubsub_topic.gcr]
}

# Pub/Sub's service agent forwards undeliverable messages: it publishes to the dead-letter topic and
# acknowledges them on the source subscriptions.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each = google_pubsub_subscription.function

  project      = var.project_id
  subscription = each.value.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# The alternative: Eventarc triggers on the same topics (documented CloudEvent delivery, no
# dead-letter topic: Eventarc's subscriptions are managed by Google).
resource "google_eventarc_trigger" "function" {
  for_each = var.delivery == "eventarc" ? local.topics : {}

  project         = var.project_id
  name            = "${var.name}-${each.key}"
  location        = var.region
  service_account = google_service_account.invoker.email
  labels          = var.labels

  matching_criteria {
    attribute = "type"
    value     = "google.cloud.pubsub.topic.v1.messagePublished"
  }

  transport {
    pubsub {
      topic = each.value
    }
  }

  destination {
    cloud_run_service {
      service = google_cloudfunctions2_function.this.name
      region  = var.region
    }
  }

  depends_on = [google_pubsub_topic.gcr, google_project_iam_member.eventarc_receiver]
}
