variable "project_id" {
  description = "Project running the function, its topics, subscriptions, schedule and sink destination."
  type        = string
}

variable "region" {
  description = "Region of the function, its source bucket and the schedule."
  type        = string
}

variable "name" {
  description = "Prefix of every resource name (function, service accounts, topics, subscriptions, feed, sink, schedule)."
  type        = string
  default     = "containerwatch"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,20}$", var.name))
    error_message = "name must be 3 to 21 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "source_archive" {
  description = "Path of a zip of gcp-function/target/deploy (the deployable jar containerwatch-gcp.jar at its root: the Java buildpack runs a prebuilt jar)."
  type        = string
}

variable "entry_point" {
  description = "The CloudEvent function's class: gcp-function's Pub/Sub entry point (one function for every topic). The build checks that the default is a CloudEventsFunction of gcp-function."
  type        = string
  default     = "dev.containerwatch.gcp.PubSubFunction"
}

variable "runtime" {
  description = "Cloud Functions runtime (java17 or java21)."
  type        = string
  default     = "java17"
}

variable "memory" {
  description = "Memory of each instance (gcp-function/README.md: 512 MiB is plenty)."
  type        = string
  default     = "512Mi"
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS of the function: C1 only, which gcp-function measured to start faster. null: none."
  type        = string
  default     = "-XX:TieredStopAtLevel=1"
}

variable "timeout_seconds" {
  description = "Timeout of one event, in seconds (the push subscriptions' acknowledgement deadline follows it)."
  type        = number
  default     = 300
}

variable "max_instance_count" {
  description = "Most instances the function scales out to."
  type        = number
  default     = 20
}

variable "delivery" {
  description = "How Pub/Sub messages reach the function: pubsub (the module's push subscriptions, with retry and dead-letter policies) or eventarc (Eventarc triggers, whose Google-managed subscriptions cannot have a dead-letter topic)."
  type        = string
  default     = "pubsub"

  validation {
    condition     = contains(["pubsub", "eventarc"], var.delivery)
    error_message = "delivery must be pubsub or eventarc."
  }
}

variable "max_delivery_attempts" {
  description = "Deliveries of a message before it goes to the dead-letter topic (5 to 100)."
  type        = number
  default     = 10
}

variable "watch_scope" {
  description = "Where the Cloud Asset feed and the audit log sink watch: project, folder or organization."
  type        = string
  default     = "project"

  validation {
    condition     = contains(["project", "folder", "organization"], var.watch_scope)
    error_message = "watch_scope must be project, folder or organization."
  }
}

variable "watch_parent" {
  description = "The project id, folder number or organization number watch_scope names. null: project_id."
  type        = string
  default     = null
}

variable "project_ids" {
  description = "Projects whose GKE clusters and Artifact Analysis occurrences the function reads (a custom role in each), and which a sweep covers. Empty: project_id."
  type        = list(string)
  default     = []
}

variable "registry_project_ids" {
  description = "Projects whose Artifact Registry notifications (the `gcr` topic) and Artifact Analysis occurrences (container-analysis-occurrences-v1) reach the function."
  type        = list(string)
  default     = []
}

variable "create_gcr_topics" {
  description = "Create the `gcr` topic in each registry project (Artifact Registry publishes to it only if it exists)."
  type        = bool
  default     = true
}

variable "organization_id" {
  description = "Organization number holding the Security Command Center source the function writes to. null: no SCC source (findings only to the webhook)."
  type        = string
  default     = null
}

variable "sweep_schedule" {
  description = "Cloud Scheduler cron of the sweep. null: no sweep."
  type        = string
  default     = "0 */6 * * *"
}

variable "rule_configuration" {
  description = "The rule configuration document (JSON or YAML, see the root README), as CONTAINERWATCH_CONFIG. null: built-in defaults."
  type        = string
  default     = null
}

variable "webhook_url" {
  description = "HTTPS URL of the optional signed webhook sink. null: none."
  type        = string
  default     = null

  validation {
    condition     = var.webhook_url == null || startswith(coalesce(var.webhook_url, "https://"), "https://")
    error_message = "webhook_url must be an https:// URL."
  }
}

variable "webhook_secret" {
  description = "Signing secret of the webhook (whsec_...): stored in Secret Manager and mounted as CONTAINERWATCH_WEBHOOK_SECRET."
  type        = string
  default     = null
  sensitive   = true
}

variable "labels" {
  description = "Labels of every resource that takes them."
  type        = map(string)
  default     = {}
}
