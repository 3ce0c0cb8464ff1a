output "function_name" {
  description = "Name of the Cloud Functions (gen2) function."
  value       = google_cloudfunctions2_function.this.name
}

output "function_uri" {
  description = "URL of the function (internal ingress only: Pub/Sub, Eventarc and Cloud Scheduler reach it)."
  value       = local.function_uri
}

output "function_service_account" {
  description = "Email of the service account the function runs as."
  value       = google_service_account.function.email
}

output "topics" {
  description = "Topics delivered to the function, by key (assets, audit, sweep, gcr-<project>, occurrences-<project>)."
  value       = local.topics
}

output "dead_letter_subscription" {
  description = "Pull subscription holding the messages the function could not process."
  value       = google_pubsub_subscription.dead_letter.id
}

output "scc_source" {
  description = "The Security Command Center source (organizations/O/sources/S), or null."
  value       = local.scc_source
}

output "asset_types" {
  description = "Asset types the Cloud Asset feed publishes."
  value       = local.asset_types
}

output "audit_log_filter" {
  description = "Filter of the GKE audit log sink."
  value       = local.audit_log_filter
}
