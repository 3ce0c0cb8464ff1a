# Minimal deployment of containerwatch on Azure: a resource group, the Flex Consumption app watching
# the subscription's resource writes and deletes, and one registry's image pushes.
#   mvn -B -q verify -pl azure-function -am -DskipTests
#   (cd azure-function/target/azure-functions/containerwatch && zip -qr ../containerwatch.zip .)
#   terraform init && terraform apply -var subscription_id=<id> -var name_suffix=<unique>

terraform {
  required_version = ">= 1.6.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "4.40.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id     = var.subscription_id
  storage_use_azuread = true
}

variable "subscription_id" {
  description = "Subscription to deploy to and watch."
  type        = string
}

variable "name_suffix" {
  description = "Suffix making the app's and storage account's global names unique (lower-case letters and digits)."
  type        = string
}

variable "location" {
  description = "Region of the app."
  type        = string
  default     = "westeurope"
}

variable "package_path" {
  description = "The zipped staged app."
  type        = string
  default     = "../../../azure-function/target/azure-functions/containerwatch.zip"
}

variable "container_registries" {
  description = "Registries whose pushes are evaluated (id and location)."
  type = list(object({
    id       = string
    location = string
  }))
  default = []
}

resource "azurerm_resource_group" "containerwatch" {
  name     = "rg-containerwatch"
  location = var.location
}

module "containerwatch" {
  source = "../../azure"

  function_app_name    = "containerwatch-${var.name_suffix}"
  storage_account_name = "cwatch${var.name_suffix}"
  resource_group_name  = azurerm_resource_group.containerwatch.name
  location             = var.location
  package_path         = var.package_path
  container_registries = var.container_registries
  tags                 = { app = "containerwatch" }
}

output "function_app_hostname" {
  description = "The app's host name."
  value       = module.containerwatch.function_app_hostname
}

output "dead_letter_container" {
  description = "Where Event Grid puts events it could not deliver."
  value       = module.containerwatch.dead_letter_container
}
