# The sweep: Cloud Scheduler publishes {"action": "sweep"} to the sweep topic; the function then reads
# every cluster of CONTAINERWATCH_PROJECTS and resolves the findings of those that no longer exist.

resource "google_cloud_scheduler_job" "sweep" {
  count = var.sweep_schedule == null ? 0 : 1

  project     = var.project_id
  region      = var.region
  name        = "${var.name}-sweep"
  description = "containerwatch: sweep of the watched projects"
  schedule    = var.sweep_schedule
  time_zone   = "Etc/UTC"

  pubsub_target {
    topic_name = google_pubsub_topic.owned["sweep"].id
    data       = base64encode(jsonencode({ action = "sweep" }))
  }

  retry_config {
    retry_count = 3
  }
}
