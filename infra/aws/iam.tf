# The functions' roles: named actions only, on the narrowest resources each API accepts.
# The few actions whose API takes no resource ARN ("*" only) are marked where they are granted.

locals {
  eks_cluster_arns   = [for r in local.regions : "arn:${local.partition}:eks:${r}:${local.account_id}:cluster/*"]
  eks_nodegroup_arns = [for r in local.regions : "arn:${local.partition}:eks:${r}:${local.account_id}:nodegroup/*/*/*"]
  eks_addon_arns     = [for r in local.regions : "arn:${local.partition}:eks:${r}:${local.account_id}:addon/*/*/*"]
  ecr_repository_arns = [
    for r in local.regions : "arn:${local.partition}:ecr:${r}:${local.account_id}:repository/*"
  ]
  # Findings are imported as the account's default custom integration, and read back from the hub.
  securityhub_product_arns = [
    for r in local.regions : "arn:${local.partition}:securityhub:${r}:${local.account_id}:product/${local.account_id}/default"
  ]
  securityhub_hub_arns = [for r in local.regions : "arn:${local.partition}:securityhub:${r}:${local.account_id}:hub/default"]
  member_role_arns = var.cross_account_role_name == null ? [] : [
    for a in var.member_account_ids : "arn:${local.partition}:iam::${a}:role/${var.cross_account_role_name}"
  ]
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    sid     = "LambdaAssumesTheFunctionRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.functions

  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
  tags               = var.tags
}

# The EventBridge function: loads clusters and repositories, reads scan results, writes findings.
data "aws_iam_policy_document" "events" {
  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["events"].arn}:*"]
  }

  statement {
    sid       = "ReadClusters"
    actions   = ["eks:DescribeCluster", "eks:ListNodegroups", "eks:ListAddons"]
    resources = local.eks_cluster_arns
  }

  statement {
    sid       = "ReadNodegroups"
    actions   = ["eks:DescribeNodegroup"]
    resources = local.eks_nodegroup_arns
  }

  statement {
    sid       = "ReadAddons"
    actions   = ["eks:DescribeAddon"]
    resources = local.eks_addon_arns
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
    resources = local.ecr_repository_arns
  }

  # With enhanced scanning, ecr:DescribeImageScanFindings returns Amazon Inspector's findings and
  # needs inspector2:ListFindings, which authorizes no resource ARN: it accepts only "*".
  statement {
    sid       = "ReadInspectorFindingsThroughEcr"
    actions   = ["inspector2:ListFindings"]
    resources = ["*"]
  }

  statement {
    sid       = "ImportFindings"
    actions   = ["securityhub:BatchImportFindings"]
    resources = local.securityhub_product_arns
  }

  statement {
    sid       = "ReadOwnFindings"
    actions   = ["securityhub:GetFindings"]
    resources = local.securityhub_hub_arns
  }

  statement {
    sid       = "DeadLetterOnFailure"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]
  }

  dynamic "statement" {
    for_each = length(local.member_role_arns) > 0 ? [1] : []

    content {
      sid       = "ReadMemberAccounts"
      actions   = ["sts:AssumeRole"]
      resources = local.member_role_arns
    }
  }
}

# The audit-log function: evaluates the objects the log carries (no EKS or ECR read), writes findings.
data "aws_iam_policy_document" "audit" {
  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for k, g in aws_cloudwatch_log_group.function : "${g.arn}:*" if k == "audit"]
  }

  statement {
    sid       = "ImportFindings"
    actions   = ["securityhub:BatchImportFindings"]
    resources = local.securityhub_product_arns
  }

  statement {
    sid       = "ReadOwnFindings"
    actions   = ["securityhub:GetFindings"]
    resources = local.securityhub_hub_arns
  }

  statement {
    sid       = "DeadLetterOnFailure"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]
  }
}

# The admission webhook: reads nothing, writes no finding; only its own logs.
data "aws_iam_policy_document" "admission" {
  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for k, g in aws_cloudwatch_log_group.function : "${g.arn}:*" if k == "admission"]
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions

  name = "${var.name}-${each.key}"
  role = aws_iam_role.function[each.key].id
  policy = {
    events    = data.aws_iam_policy_document.events.json
    audit     = data.aws_iam_policy_document.audit.json
    admission = data.aws_iam_policy_document.admission.json
  }[each.key]
}
