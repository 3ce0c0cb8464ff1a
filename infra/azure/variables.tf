variable "name" {
  description = "Prefix of resource names that need not be globally unique (identity, plan, insights, role, Event Grid subscriptions)."
  type        = string
  default     = "containerwatch"
}

variable "function_app_name" {
  description = "Globally unique name of the Function App (<name>.azurewebsites.net); also the stem of the Event Hubs namespace and Key Vault names."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$", var.function_app_name))
    error_message = "function_app_name must be 3 to 32 lower-case letters, digits or hyphens."
  }
}

variable "storage_account_name" {
  description = "Globally unique name of the Function App's storage account (host state, deployment package, Event Grid dead letters)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.storage_account_name))
    error_message = "storage_account_name must be 3 to 24 lower-case letters or digits."
  }
}

variable "resource_group_name" {
  description = "Existing resource group holding the module's resources."
  type        = string
}

variable "location" {
  description = "Azure region of the Function App and its resources."
  type        = string
}

variable "package_path" {
  description = "Path of the zip of the staged app (cd azure-function/target/azure-functions/containerwatch && zip -r ../containerwatch.zip .), deployed with the app: Event Grid subscriptions need the functions to exist."
  type        = string
}

variable "plan_sku" {
  description = "FC1 (Flex Consumption, the default) or a dedicated App Service plan SKU (B1, S1, P0v3, P1v3, ...)."
  type        = string
  default     = "FC1"

  validation {
    condition     = var.plan_sku == "FC1" || can(regex("^(B[1-3]|S[1-3]|P[0-3]v[2-4]|P[1-3]mv[3-4])$", var.plan_sku))
    error_message = "plan_sku must be FC1 or a Linux App Service plan SKU (B1-B3, S1-S3, P0v3-P3v3, ...)."
  }
}

variable "maximum_instance_count" {
  description = "Flex Consumption: the most instances the app scales out to."
  type        = number
  default     = 40
}

variable "instance_memory_mb" {
  description = "Flex Consumption: memory of each instance (2048 or 4096)."
  type        = number
  default     = 2048

  validation {
    condition     = contains([2048, 4096], var.instance_memory_mb)
    error_message = "instance_memory_mb must be 2048 or 4096."
  }
}

variable "subscription_ids" {
  description = "Subscriptions the function reads, writes assessments in and sweeps (the custom role is assignable to and assigned on each). Empty: the provider's subscription."
  type        = list(string)
  default     = []
}

variable "subscription_events" {
  description = "Create the provider subscription's Event Grid system topic (Microsoft.Resources.Subscriptions) and its filtered subscription to the function. Turn off to watch only resource_group_names."
  type        = bool
  default     = true
}

variable "resource_group_names" {
  description = "Resource groups (of the provider's subscription) to watch with their own system topics, instead of or next to the whole subscription."
  type        = list(string)
  default     = []
}

variable "resource_notifications" {
  description = "Also subscribe to Azure Resource Notifications (Microsoft.ResourceNotifications.Resources), which carry the whole resource and save the function a read."
  type        = bool
  default     = false
}

variable "container_registries" {
  description = "Container registries whose image pushes and deletes are evaluated: their ARM id and location (a registry's system topic lives in its region and resource group)."
  type = list(object({
    id       = string
    location = string
  }))
  default = []
}

variable "aks_clusters" {
  description = "AKS clusters whose own events (new Kubernetes version, support ending, node pool rolling) are evaluated: their ARM id and location."
  type = list(object({
    id       = string
    location = string
  }))
  default = []
}

variable "audit_log_cluster_ids" {
  description = "ARM ids of AKS clusters whose Kubernetes audit log is streamed (diagnostic setting → Event Hub) to the audit-log function."
  type        = list(string)
  default     = []
}

variable "audit_log_category" {
  description = "The AKS resource log category streamed: kube-audit-admin (writes only, cheaper) or kube-audit (every request)."
  type        = string
  default     = "kube-audit-admin"

  validation {
    condition     = contains(["kube-audit", "kube-audit-admin"], var.audit_log_category)
    error_message = "audit_log_category must be kube-audit or kube-audit-admin."
  }
}

variable "admission_cluster_ids" {
  description = "ARM ids of the clusters allowed to call the admission webhook (CONTAINERWATCH_ADMISSION_CLUSTERS)."
  type        = list(string)
  default     = []
}

variable "eventgrid_max_delivery_attempts" {
  description = "How many times Event Grid tries to deliver an event before dead-lettering it (1 to 30)."
  type        = number
  default     = 30
}

variable "eventgrid_event_ttl_minutes" {
  description = "How long Event Grid keeps trying to deliver an event, in minutes (1 to 1440)."
  type        = number
  default     = 1440
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
  description = "Signing secret of the webhook (whsec_...): stored in Key Vault, referenced from the app settings."
  type        = string
  default     = null
  sensitive   = true
}

variable "dockerhub_token" {
  description = "Shared secret of the Docker Hub push webhook (?token=...): stored in Key Vault, referenced from the app settings. null: the Docker Hub function answers 401."
  type        = string
  default     = null
  sensitive   = true
}

variable "grant_deployer_secret_access" {
  description = "Give the identity running Terraform Key Vault Secrets Officer on the module's vault, so it can write the secrets."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the Log Analytics workspace behind Application Insights, in days."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
