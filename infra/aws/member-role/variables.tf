variable "role_name" {
  description = "Name of the read-only role; the function's module takes the same name as cross_account_role_name."
  type        = string
  default     = "containerwatch-read"
}

variable "function_role_arns" {
  description = "ARNs of the function roles that may assume this role (the function module's function_role_arns output)."
  type        = list(string)

  validation {
    condition     = length(var.function_role_arns) > 0
    error_message = "function_role_arns must name at least one role."
  }
}

variable "external_id" {
  description = "External id the function must present (its cross_account_external_id). null: none required."
  type        = string
  default     = null
  sensitive   = true
}

variable "regions" {
  description = "Regions of this account whose clusters and repositories the function reads. Empty: the provider's region."
  type        = list(string)
  default     = []
}

variable "forward_event_patterns" {
  description = "Event patterns (JSON) to forward to the function's event bus, by name: the function module's event_patterns output. Empty: no forwarding."
  type        = map(string)
  default     = {}
}

variable "target_event_bus_arn" {
  description = "ARN of the function account's default event bus (arn:aws:events:<region>:<account>:event-bus/default); needed with forward_event_patterns."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
