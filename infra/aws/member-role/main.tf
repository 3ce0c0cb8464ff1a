# The read-only role a member account gives the function's roles: the EKS and ECR reads of the
# function's own role, nothing else (findings are written by the function's account). Optionally, rules
# that forward this account's events to the function's event bus.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  regions    = length(var.regions) > 0 ? var.regions : [data.aws_region.current.region]
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "FunctionRolesAssumeThisRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.function_role_arns
    }

    dynamic "condition" {
      for_each = var.external_id == null ? [] : [1]

      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = [var.external_id]
      }
    }
  }
}

resource "aws_iam_role" "read" {
  name                 = var.role_name
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  tags                 = var.tags
}

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "ReadClusters"
    actions   = ["eks:DescribeCluster", "eks:ListNodegroups", "eks:ListAddons"]
    resources = [for r in local.regions : "arn:${local.partition}:eks:${r}:${local.account_id}:cluster/*"]
  }

  statement {
    sid       = "ReadNodegroups"
    actions   = ["eks:DescribeNodegroup"]
    resources = [for r in local.regions : "arn:${local.partition}:eks:${r}:${local.account_id}:nodegroup/*/*/*"]
  }

  statement {
    sid       = "ReadAddons"
    actions   = ["eks:DescribeAddon"]
    resources = [for r in local.regions : "arn:${local.partition}:eks:${r}:${local.account_id}:addon/*/*/*"]
  }

  # eks:ListClusters (the sweep) authorizes no resource ARN: it accepts only "*".
  statement {
    sid       = "ListClustersForTheSweep"
    actions   = ["eks:ListClusters"]
    resources = ["*"]
  }

  statement {
    sid = "ReadRepositoriesAndScans"
    actions = [
      "ecr:DescribeRepositories",
      "ecr:GetRepositoryPolicy",
      "ecr:DescribeImageScanFindings",
      "ecr:BatchGetRepositoryScanningConfiguration",
      "ecr:ListImages",
    ]
    resources = [for r in local.regions : "arn:${local.partition}:ecr:${r}:${local.account_id}:repository/*"]
  }

  # With enhanced scanning, ecr:DescribeImageScanFindings needs inspector2:ListFindings, which
  # authorizes no resource ARN: it accepts only "*".
  statement {
    sid       = "ReadInspectorFindingsThroughEcr"
    actions   = ["inspector2:ListFindings"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "read" {
  name   = var.role_name
  role   = aws_iam_role.read.id
  policy = data.aws_iam_policy_document.read.json
}

# Event forwarding to the function's account.
data "aws_iam_policy_document" "events_trust" {
  statement {
    sid     = "EventBridgeAssumesTheForwardingRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "forward" {
  count = length(var.forward_event_patterns) > 0 ? 1 : 0

  statement {
    sid       = "PutEventsOnTheFunctionsBus"
    actions   = ["events:PutEvents"]
    resources = [var.target_event_bus_arn]
  }
}

resource "aws_iam_role" "forward" {
  count = length(var.forward_event_patterns) > 0 ? 1 : 0

  name               = "${var.role_name}-forward-events"
  assume_role_policy = data.aws_iam_policy_document.events_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "forward" {
  count = length(var.forward_event_patterns) > 0 ? 1 : 0

  name   = "${var.role_name}-forward-events"
  role   = aws_iam_role.forward[0].id
  policy = data.aws_iam_policy_document.forward[0].json
}

resource "aws_cloudwatch_event_rule" "forward" {
  for_each = var.forward_event_patterns

  name          = "${var.role_name}-forward-${each.key}"
  description   = "containerwatch: forward ${each.key} events to the function's account"
  event_pattern = each.value
  tags          = var.tags
}

resource "aws_cloudwatch_event_target" "forward" {
  for_each = var.forward_event_patterns

  rule      = aws_cloudwatch_event_rule.forward[each.key].name
  target_id = "containerwatch-bus"
  arn       = var.target_event_bus_arn
  role_arn  = aws_iam_role.forward[0].arn
}
