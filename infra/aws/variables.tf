variable "name" {
  description = "Prefix of every resource name (function, roles, rules, queue, schedules)."
  type        = string
  default     = "containerwatch"

  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,40}$", var.name))
    error_message = "name must be 1 to 40 letters, digits or hyphens."
  }
}

variable "lambda_package" {
  description = "Path of the shaded Lambda jar built by `mvn -B verify -pl aws-lambda` (aws-lambda/target/aws-lambda-<version>-lambda.jar)."
  type        = string
}

variable "runtime" {
  description = "Lambda runtime: java17 or later (the jar is Java 17 bytecode)."
  type        = string
  default     = "java17"

  validation {
    condition     = contains(["java17", "java21"], var.runtime)
    error_message = "runtime must be java17 or java21."
  }
}

variable "architecture" {
  description = "Lambda architecture; the jar is pure Java and runs on both."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory of each function, in MB (CPU grows with it; 1024 keeps a cold start under a second)."
  type        = number
  default     = 1024
}

variable "timeout" {
  description = "Timeout of each invocation, in seconds. A sweep of a large account needs the most."
  type        = number
  default     = 120
}

variable "log_retention_days" {
  description = "Retention of the functions' log groups, in days."
  type        = number
  default     = 30
}

variable "regions" {
  description = "Regions whose EKS clusters, ECR repositories and Security Hub the function may read and write. Empty: the provider's region only. List every region whose events reach the function (cross-region forwarding, member accounts elsewhere)."
  type        = list(string)
  default     = []
}

variable "event_sources" {
  description = "Which EventBridge rules to create: any of ecr-image-action, ecr-image-scan, inspector2-finding, inspector2-scan, config, cloudtrail-eks, cloudtrail-ecr. The CloudTrail rules need a trail recording management events; the config rule needs AWS Config recording EKS clusters and ECR repositories."
  type        = list(string)
  default     = ["ecr-image-action", "ecr-image-scan", "inspector2-finding", "inspector2-scan", "config", "cloudtrail-eks", "cloudtrail-ecr"]

  validation {
    condition = alltrue([for s in var.event_sources : contains(
      ["ecr-image-action", "ecr-image-scan", "inspector2-finding", "inspector2-scan", "config", "cloudtrail-eks", "cloudtrail-ecr"], s
    )])
    error_message = "event_sources may contain only ecr-image-action, ecr-image-scan, inspector2-finding, inspector2-scan, config, cloudtrail-eks and cloudtrail-ecr."
  }
}

variable "event_retry_attempts" {
  description = "How many times EventBridge retries delivering an event to the function before it goes to the dead-letter queue (0 to 185)."
  type        = number
  default     = 20
}

variable "event_max_age_seconds" {
  description = "How long EventBridge keeps trying to deliver an event (60 to 86400)."
  type        = number
  default     = 86400
}

variable "async_retry_attempts" {
  description = "How many times Lambda retries an event whose processing failed (0 to 2) before sending it to the dead-letter queue."
  type        = number
  default     = 2
}

variable "dead_letter_retention_seconds" {
  description = "How long the dead-letter queue keeps a message (up to 14 days)."
  type        = number
  default     = 1209600
}

variable "sweep_schedule" {
  description = "EventBridge Scheduler expression of the sweep (every cluster and repository evaluated again, findings of deleted ones archived). null: no sweep."
  type        = string
  default     = "rate(6 hours)"
}

variable "sweep_targets" {
  description = "Accounts and regions to sweep, one schedule each. Empty: the provider's account and region. A member account needs cross_account_role_name and its id in member_account_ids."
  type = list(object({
    account_id = string
    region     = string
  }))
  default = []
}

variable "member_account_ids" {
  description = "Member accounts whose EKS and ECR resources the function reads through cross_account_role_name, and whose forwarded events the default event bus accepts."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.member_account_ids : can(regex("^[0-9]{12}$", a))])
    error_message = "member_account_ids must be 12-digit account ids."
  }
}

variable "cross_account_role_name" {
  description = "Name of the role (see ./member-role) the function assumes in member accounts. null: events of other accounts are rejected."
  type        = string
  default     = null
}

variable "cross_account_external_id" {
  description = "External id the member accounts' role requires, if any."
  type        = string
  default     = null
  sensitive   = true
}

variable "eks_audit_log_clusters" {
  description = "Names of EKS clusters in this account and region whose audit logs (/aws/eks/<name>/cluster, control-plane log type `audit` enabled) are streamed to the audit-log function by a CloudWatch Logs subscription filter."
  type        = list(string)
  default     = []
}

variable "admission_clusters" {
  description = "Names of EKS clusters in this account and region whose API servers call the admission webhook (a function URL; see the README for the ValidatingWebhookConfiguration). Empty: no admission function."
  type        = list(string)
  default     = []
}

variable "admission_token" {
  description = "Shared token the admission webhook's URL carries (?token=...), at least 32 characters; required with admission_clusters. Generate it, e.g. `openssl rand -hex 32`."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.admission_token == null || length(coalesce(var.admission_token, "")) >= 32
    error_message = "admission_token must be at least 32 characters."
  }
}

variable "rule_configuration" {
  description = "The rule configuration document (JSON or YAML, see the root README), given to the functions as CONTAINERWATCH_CONFIG. null: built-in defaults."
  type        = string
  default     = null
}

variable "webhook_url" {
  description = "HTTPS URL of the optional signed webhook sink (next to Security Hub). null: no webhook."
  type        = string
  default     = null

  validation {
    condition     = var.webhook_url == null || startswith(coalesce(var.webhook_url, "https://"), "https://")
    error_message = "webhook_url must be an https:// URL."
  }
}

variable "webhook_secret" {
  description = "Signing secret of the webhook (whsec_...). Stored in the functions' environment, which Lambda encrypts at rest."
  type        = string
  default     = null
  sensitive   = true
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
