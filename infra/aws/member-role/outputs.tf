output "role_arn" {
  description = "ARN of the read-only role the function assumes in this account."
  value       = aws_iam_role.read.arn
}

output "role_name" {
  description = "Name of the role: the function module's cross_account_role_name."
  value       = aws_iam_role.read.name
}

output "forward_rule_arns" {
  description = "ARNs of the forwarding rules, by event family."
  value       = { for k, r in aws_cloudwatch_event_rule.forward : k => r.arn }
}
