# Cloud Asset Inventory real-time feed of GKE clusters and node pools (whole resources, content type
# RESOURCE), for a project, a folder or an organization, published to the assets topic.

locals {
  asset_types = [
    "container.googleapis.com/Cluster",
    "container.googleapis.com/NodePool",
  ]
  feed_id = "${var.name}-gke"
}

resource "google_cloud_asset_project_feed" "gke" {
  count = var.watch_scope == "project" ? 1 : 0

  project         = local.watch_parent
  billing_project = var.project_id
  feed_id         = local.feed_id
  content_type    = "RESOURCE"
  asset_types     = local.asset_types

  feed_output_config {
    pubsub_destination {
      topic = google_pubsub_topic.owned["assets"].id
    }
  }

  depends_on = [google_pubsub_topic_iam_member.asset_publisher]
}

resource "google_cloud_asset_folder_feed" "gke" {
  count = var.watch_scope == "folder" ? 1 : 0

  folder          = local.watch_parent
  billing_project = var.project_id
  feed_id         = local.feed_id
  content_type    = "RESOURCE"
  asset_types     = local.asset_types

  feed_output_config {
    pubsub_destination {
      topic = google_pubsub_topic.owned["assets"].id
    }
  }

  depends_on = [google_pubsub_topic_iam_member.asset_publisher]
}

resource "google_cloud_asset_organization_feed" "gke" {
  count = var.watch_scope == "organization" ? 1 : 0

  org_id          = local.watch_parent
  billing_project = var.project_id
  feed_id         = local.feed_id
  content_type    = "RESOURCE"
  asset_types     = local.asset_types

  feed_output_config {
    pubsub_destination {
      topic = google_pubsub_topic.owned["assets"].id
    }
  }

  depends_on = [google_pubsub_topic_iam_member.asset_publisher]
}

# The Cloud Asset service agent of the billing project publishes the feed.
resource "google_pubsub_topic_iam_member" "asset_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.owned["assets"].name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-cloudasset.iam.gserviceaccount.com"
}
