# Kubernetes audit logs of the given EKS clusters, streamed by CloudWatch Logs to the audit-log
# function (dev.containerwatch.aws.CloudWatchLogsHandler). The filter keeps the events the handler
# reads: completed create, update, patch and delete requests; reads never leave CloudWatch Logs.

locals {
  audit_log_groups = {
    for c in var.eks_audit_log_clusters : c => "/aws/eks/${c}/cluster"
  }
  audit_filter_pattern = "{ ($.stage = \"ResponseComplete\") && (($.verb = \"create\") || ($.verb = \"update\") || ($.verb = \"patch\") || ($.verb = \"delete\")) }"
}

resource "aws_lambda_permission" "audit_logs" {
  for_each = local.audit_log_groups

  statement_id   = "cloudwatch-logs-${each.key}"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.function["audit"].function_name
  principal      = "logs.amazonaws.com"
  source_arn     = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${each.value}:*"
  source_account = local.account_id
}

resource "aws_cloudwatch_log_subscription_filter" "audit_logs" {
  for_each = local.audit_log_groups

  name            = "${var.name}-eks-audit"
  log_group_name  = each.value
  filter_pattern  = local.audit_filter_pattern
  destination_arn = aws_lambda_function.function["audit"].arn

  depends_on = [aws_lambda_permission.audit_logs]
}
