data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
  regions    = length(var.regions) > 0 ? var.regions : [local.region]

  # One jar, three handlers: EventBridge events (and the scheduled sweep), the EKS audit log stream
  # and the EKS admission webhook behind a function URL.
  functions = merge(
    {
      events = {
        handler     = "dev.containerwatch.aws.EventBridgeHandler::handleRequest"
        description = "containerwatch: EKS and ECR change events, image scans and sweeps"
      }
    },
    length(var.eks_audit_log_clusters) > 0 ? {
      audit = {
        handler     = "dev.containerwatch.aws.CloudWatchLogsHandler::handleRequest"
        description = "containerwatch: Kubernetes objects from EKS audit logs"
      }
    } : {},
    length(var.admission_clusters) > 0 ? {
      admission = {
        handler     = "dev.containerwatch.aws.AdmissionHandler::handleRequest"
        description = "containerwatch: validating admission webhook of EKS clusters (function URL)"
      }
    } : {}
  )

  # Invoked asynchronously (EventBridge, CloudWatch Logs): Lambda's retries end in the dead-letter
  # queue. The admission webhook is called synchronously and answers the API server itself.
  async_functions = { for k, f in local.functions : k => f if k != "admission" }

  admission_cluster_arns = [
    for c in var.admission_clusters :
    "arn:${local.partition}:eks:${local.region}:${local.account_id}:cluster/${c}"
  ]

  # Only the admission function gets its token: the other functions never see it.
  function_environment = {
    for k, f in local.functions : k => k == "admission" ? merge(local.environment, {
      CONTAINERWATCH_ADMISSION_TOKEN    = var.admission_token
      CONTAINERWATCH_ADMISSION_CLUSTERS = join(",", local.admission_cluster_arns)
    }) : local.environment
  }

  environment = merge(
    {
      CONTAINERWATCH_ACCOUNT_ID = local.account_id
    },
    var.cross_account_role_name == null ? {} : {
      CONTAINERWATCH_CROSS_ACCOUNT_ROLE = var.cross_account_role_name
    },
    var.cross_account_external_id == null ? {} : {
      CONTAINERWATCH_CROSS_ACCOUNT_EXTERNAL_ID = var.cross_account_external_id
    },
    var.rule_configuration == null ? {} : {
      CONTAINERWATCH_CONFIG = var.rule_configuration
    },
    var.webhook_url == null ? {} : {
      CONTAINERWATCH_WEBHOOK_URL    = var.webhook_url
      CONTAINERWATCH_WEBHOOK_SECRET = var.webhook_secret
    }
  )
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${var.name}-${each.key}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "function" {
  for_each = local.functions

  function_name    = "${var.name}-${each.key}"
  description      = each.value.description
  role             = aws_iam_role.function[each.key].arn
  handler          = each.value.handler
  runtime          = var.runtime
  architectures    = [var.architecture]
  filename         = var.lambda_package
  source_code_hash = filebase64sha256(var.lambda_package)
  memory_size      = var.memory_size
  timeout          = var.timeout

  environment {
    variables = local.function_environment[each.key]
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.function]
}

# Events whose processing keeps failing (after Lambda's own retries) end in the dead-letter queue.
resource "aws_lambda_function_event_invoke_config" "function" {
  for_each = local.async_functions

  function_name                = aws_lambda_function.function[each.key].function_name
  maximum_retry_attempts       = var.async_retry_attempts
  maximum_event_age_in_seconds = 21600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letter.arn
    }
  }
}

resource "aws_sqs_queue" "dead_letter" {
  name                      = "${var.name}-dead-letter"
  message_retention_seconds = var.dead_letter_retention_seconds
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

# EventBridge delivers undeliverable events here (rule targets' dead_letter_config): only from this
# module's rules and schedules. Lambda's on-failure destination and the scheduler use their roles.
data "aws_iam_policy_document" "dead_letter" {
  count = length(local.event_rules) > 0 ? 1 : 0

  statement {
    sid       = "EventBridgeRulesDeadLetter"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [for r in aws_cloudwatch_event_rule.events : r.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "dead_letter" {
  count = length(local.event_rules) > 0 ? 1 : 0

  queue_url = aws_sqs_queue.dead_letter.id
  policy    = data.aws_iam_policy_document.dead_letter[0].json
}
