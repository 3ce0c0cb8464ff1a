output "function_arns" {
  description = "ARNs of the functions, by handler: events (EventBridge and sweeps), audit (EKS audit logs, when clusters are given), admission (when admission clusters are given)."
  value       = { for k, f in aws_lambda_function.function : k => f.arn }
}

output "function_role_arns" {
  description = "ARNs of the functions' roles, by handler: member accounts' roles (./member-role) trust these."
  value       = { for k, r in aws_iam_role.function : k => r.arn }
}

output "event_rule_arns" {
  description = "ARNs of the EventBridge rules, by event family."
  value       = { for k, r in aws_cloudwatch_event_rule.events : k => r.arn }
}

output "event_patterns" {
  description = "The rules' event patterns (JSON), by event family: give them to ./member-role's forward_event_patterns so member accounts forward exactly these events."
  value       = { for k, p in local.event_rules : k => jsonencode(p) }
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue (undeliverable events, events whose processing kept failing)."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.url
}

output "sweep_schedule_arns" {
  description = "ARNs of the sweep schedules, by account and region."
  value       = { for k, s in aws_scheduler_schedule.sweep : k => s.arn }
}

output "audit_log_subscription_filters" {
  description = "Log groups streamed to the audit-log function, by cluster name."
  value       = { for k, f in aws_cloudwatch_log_subscription_filter.audit_logs : k => f.log_group_name }
}

output "admission_webhook_url" {
  description = "Base URL of the admission webhook (null without admission_clusters). The ValidatingWebhookConfiguration's url is this with ?cluster=<cluster ARN>&token=<admission_token>."
  value       = length(aws_lambda_function_url.admission) > 0 ? aws_lambda_function_url.admission[0].function_url : null
}
