# EventBridge rules whose patterns match exactly the events dev.containerwatch.aws.EventBridgeHandler
# processes (aws-lambda's EventBridgeEvents): each family's ignore conditions are filtered out here,
# so such events never invoke the function. The CI check (infra/tests) matches these patterns
# against events-samples/aws/ and the handler's source.

locals {
  eks_calls = [
    "CreateCluster",
    "UpdateClusterConfig",
    "UpdateClusterVersion",
    "AssociateEncryptionConfig",
    "CreateNodegroup",
    "UpdateNodegroupConfig",
    "DeleteNodegroup",
    "CreateAddon",
    "DeleteAddon",
    "DeleteCluster",
  ]
  ecr_calls = [
    "CreateRepository",
    "DeleteRepository",
    "PutImageScanningConfiguration",
    "PutRegistryScanningConfiguration",
    "SetRepositoryPolicy",
    "DeleteRepositoryPolicy",
  ]

  event_patterns = {
    # Push and delete of an image; other results (FAILURE) are ignored by the handler.
    "ecr-image-action" = {
      source        = ["aws.ecr"]
      "detail-type" = ["ECR Image Action"]
      detail = {
        result            = ["SUCCESS"]
        "action-type"     = ["PUSH", "DELETE"]
        "repository-name" = [{ exists = true }]
        "image-digest"    = [{ prefix = "sha256:" }]
      }
    }

    # Basic scanning finished (any scan status: a failed scan is reported as such).
    "ecr-image-scan" = {
      source        = ["aws.ecr"]
      "detail-type" = ["ECR Image Scan"]
      detail = {
        "repository-name" = [{ exists = true }]
        "image-digest"    = [{ prefix = "sha256:" }]
        "scan-status"     = [{ exists = true }]
      }
    }

    # Enhanced scanning findings; findings about EC2 instances or Lambda functions are ignored.
    "inspector2-finding" = {
      source        = ["aws.inspector2"]
      "detail-type" = ["Inspector2 Finding"]
      detail = {
        resources = {
          type = ["AWS_ECR_CONTAINER_IMAGE"]
        }
      }
    }

    # Enhanced scanning's initial scan of an image (the one documented scan status).
    "inspector2-scan" = {
      source        = ["aws.inspector2"]
      "detail-type" = ["Inspector2 Scan"]
      detail = {
        "scan-status"     = ["INITIAL_SCAN_COMPLETE"]
        "repository-name" = [{ exists = true }]
        "image-digest"    = [{ prefix = "sha256:" }]
      }
    }

    # AWS Config items of EKS clusters and ECR repositories, whole or oversized (summary only);
    # items Config does not record (ResourceNotRecorded) are ignored.
    "config" = {
      source        = ["aws.config"]
      "detail-type" = ["Config Configuration Item Change"]
      detail = {
        "$or" = [
          {
            messageType = ["ConfigurationItemChangeNotification"]
            configurationItem = {
              resourceType            = ["AWS::EKS::Cluster", "AWS::ECR::Repository"]
              configurationItemStatus = ["OK", "ResourceDiscovered", "ResourceDeleted", "ResourceDeletedNotRecorded"]
            }
          },
          {
            messageType = ["OversizedConfigurationItemChangeNotification"]
            configurationItemSummary = {
              resourceType            = ["AWS::EKS::Cluster", "AWS::ECR::Repository"]
              configurationItemStatus = ["OK", "ResourceDiscovered", "ResourceDeleted", "ResourceDeletedNotRecorded"]
            }
          },
        ]
      }
    }

    # Successful EKS calls that change what the rules read (a call with an errorCode changed nothing).
    "cloudtrail-eks" = {
      source        = ["aws.eks"]
      "detail-type" = ["AWS API Call via CloudTrail"]
      detail = {
        eventSource = ["eks.amazonaws.com"]
        eventName   = local.eks_calls
        errorCode   = [{ exists = false }]
      }
    }

    # Successful ECR calls that change a repository, its policy or the registry's scanning.
    "cloudtrail-ecr" = {
      source        = ["aws.ecr"]
      "detail-type" = ["AWS API Call via CloudTrail"]
      detail = {
        eventSource = ["ecr.amazonaws.com"]
        eventName   = local.ecr_calls
        errorCode   = [{ exists = false }]
      }
    }
  }

  event_rules = { for k, p in local.event_patterns : k => p if contains(var.event_sources, k) }

  # The sweep's event, as the handler reads an EventBridge Scheduler delivery (source aws.scheduler,
  # detail-type Scheduled Event); <aws.scheduler.*> are the scheduler's context attributes.
  sweep_targets = length(var.sweep_targets) > 0 ? var.sweep_targets : [
    { account_id = local.account_id, region = local.region }
  ]
  sweep_event = {
    version       = "0"
    id            = "<aws.scheduler.execution-id>"
    "detail-type" = "Scheduled Event"
    source        = "aws.scheduler"
    account       = "ACCOUNT"
    time          = "<aws.scheduler.scheduled-time>"
    region        = "REGION"
    resources     = ["<aws.scheduler.schedule-arn>"]
    detail        = {}
  }
}

resource "aws_cloudwatch_event_rule" "events" {
  for_each = local.event_rules

  name          = "${var.name}-${each.key}"
  description   = "containerwatch: ${each.key} events for the function"
  event_pattern = jsonencode(each.value)
  tags          = var.tags
}

resource "aws_cloudwatch_event_target" "events" {
  for_each = local.event_rules

  rule      = aws_cloudwatch_event_rule.events[each.key].name
  target_id = "${var.name}-events"
  arn       = aws_lambda_function.function["events"].arn

  retry_policy {
    maximum_retry_attempts       = var.event_retry_attempts
    maximum_event_age_in_seconds = var.event_max_age_seconds
  }

  dead_letter_config {
    arn = aws_sqs_queue.dead_letter.arn
  }
}

resource "aws_lambda_permission" "events" {
  for_each = local.event_rules

  statement_id   = "eventbridge-${each.key}"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.function["events"].function_name
  principal      = "events.amazonaws.com"
  source_arn     = aws_cloudwatch_event_rule.events[each.key].arn
  source_account = local.account_id
}

# Member accounts forward their events (member-role's forward_event_patterns) to this account's
# default bus; the rules above then match them as they match this account's own.
data "aws_iam_policy_document" "event_bus" {
  count = length(var.member_account_ids) > 0 ? 1 : 0

  statement {
    sid       = "MemberAccountsForwardEvents"
    actions   = ["events:PutEvents"]
    resources = ["arn:${local.partition}:events:${local.region}:${local.account_id}:event-bus/default"]

    principals {
      type        = "AWS"
      identifiers = [for a in var.member_account_ids : "arn:${local.partition}:iam::${a}:root"]
    }
  }
}

resource "aws_cloudwatch_event_bus_policy" "member_accounts" {
  count = length(var.member_account_ids) > 0 ? 1 : 0

  event_bus_name = "default"
  policy         = data.aws_iam_policy_document.event_bus[0].json
}

# Sweeps, by EventBridge Scheduler, one schedule per account and region.
data "aws_iam_policy_document" "scheduler_trust" {
  statement {
    sid     = "SchedulerAssumesTheSweepRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeTheFunction"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.function["events"].arn]
  }

  statement {
    sid       = "DeadLetterUndelivered"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]
  }
}

resource "aws_iam_role" "scheduler" {
  count = var.sweep_schedule == null ? 0 : 1

  name               = "${var.name}-sweep-scheduler"
  assume_role_policy = data.aws_iam_policy_document.scheduler_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "scheduler" {
  count = var.sweep_schedule == null ? 0 : 1

  name   = "${var.name}-sweep-scheduler"
  role   = aws_iam_role.scheduler[0].id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "sweep" {
  for_each = var.sweep_schedule == null ? {} : { for t in local.sweep_targets : "${t.account_id}-${t.region}" => t }

  name                = "${var.name}-sweep-${each.key}"
  description         = "containerwatch: sweep of account ${each.value.account_id} in ${each.value.region}"
  schedule_expression = var.sweep_schedule

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 15
  }

  target {
    arn      = aws_lambda_function.function["events"].arn
    role_arn = aws_iam_role.scheduler[0].arn
    input = jsonencode(merge(local.sweep_event, {
      account = each.value.account_id
      region  = each.value.region
    }))

    retry_policy {
      maximum_retry_attempts       = 3
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.dead_letter.arn
    }
  }
}
