# Minimal deployment of containerwatch on Google Cloud: the function in a security project, the
# Cloud Asset feed and audit log sink of one workload project, its registries' notifications, and an
# SCC source in the organization.
#   mvn -B -q package -pl gcp-function -am -DskipTests
#   (cd gcp-function/target/deploy && zip -q ../containerwatch-gcp.zip containerwatch-gcp.jar)
#   terraform init && terraform apply -var project_id=<secops> -var workload_project_id=<prod> -var organization_id=<org>

terraform {
  required_version = ">= 1.6.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "7.0.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

variable "project_id" {
  description = "Project running the function."
  type        = string
}

variable "workload_project_id" {
  description = "Project whose GKE clusters and Artifact Registry images are evaluated."
  type        = string
}

variable "organization_id" {
  description = "Organization number holding the SCC source (null: webhook only)."
  type        = string
  default     = null
}

variable "region" {
  description = "Region of the function."
  type        = string
  default     = "europe-west1"
}

variable "source_archive" {
  description = "Zip of gcp-function/target/deploy (the deployable jar at its root)."
  type        = string
  default     = "../../../gcp-function/target/containerwatch-gcp.zip"
}

module "containerwatch" {
  source = "../../gcp"

  project_id           = var.project_id
  region               = var.region
  source_archive       = var.source_archive
  watch_scope          = "project"
  watch_parent         = var.workload_project_id
  project_ids          = [var.workload_project_id]
  registry_project_ids = [var.workload_project_id]
  organization_id      = var.organization_id
  labels               = { app = "containerwatch" }
}

output "function_uri" {
  description = "The function's URL (internal ingress)."
  value       = module.containerwatch.function_uri
}

output "dead_letter_subscription" {
  description = "Where messages end when they cannot be processed."
  value       = module.containerwatch.dead_letter_subscription
}
