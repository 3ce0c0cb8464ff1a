# Minimal deployment of containerwatch on AWS: the function in one account and region, the default
# event rules, the 6-hourly sweep, and audit logs of one EKS cluster.
#   mvn -B -q verify -pl aws-lambda -am -DskipTests
#   terraform init && terraform apply -var 'eks_audit_log_clusters=["orders-prod"]'

terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "6.42.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  description = "Region of the function (its EventBridge rules see this region's events)."
  type        = string
  default     = "eu-west-1"
}

variable "lambda_package" {
  description = "The shaded Lambda jar."
  type        = string
  default     = "../../../aws-lambda/target/aws-lambda-0.1.0-SNAPSHOT-lambda.jar"
}

variable "eks_audit_log_clusters" {
  description = "EKS clusters (with the audit control-plane log enabled) whose audit logs are evaluated."
  type        = list(string)
  default     = []
}

module "containerwatch" {
  source = "../../aws"

  lambda_package         = var.lambda_package
  eks_audit_log_clusters = var.eks_audit_log_clusters
  tags                   = { app = "containerwatch" }
}

output "function_arns" {
  description = "The functions, by handler."
  value       = module.containerwatch.function_arns
}

output "dead_letter_queue_url" {
  description = "Where events end when they cannot be processed."
  value       = module.containerwatch.dead_letter_queue_url
}
