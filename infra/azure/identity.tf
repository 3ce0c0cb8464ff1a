# The function's identity: one user-assigned identity (created before the app, so its roles exist when
# the app starts), with a custom role of exactly the actions the functions call, and data-plane roles
# each on the one resource it is for.

resource "azurerm_user_assigned_identity" "function" {
  name                = "${var.name}-function"
  resource_group_name = var.resource_group_name
  location            = var.location
  tags                = var.tags
}

locals {
  # ARM reads of the evaluated resources and their evidence (azure-function's loaders), Resource Graph
  # for Defender's image sub-assessments, and the custom assessments the sink writes and deletes.
  role_actions = [
    "Microsoft.ContainerService/managedClusters/read",
    "Microsoft.ContainerRegistry/registries/read",
    "Microsoft.ContainerRegistry/registries/privateEndpointConnections/read",
    "Microsoft.Kubernetes/connectedClusters/read",
    "Microsoft.KubernetesConfiguration/extensions/read",
    "Microsoft.Insights/diagnosticSettings/read",
    "Microsoft.Security/pricings/read",
    "Microsoft.Security/securityConnectors/read",
    "Microsoft.ResourceGraph/resources/read",
    "Microsoft.Security/assessments/subAssessments/read",
    "Microsoft.Security/assessmentMetadata/read",
    "Microsoft.Security/assessmentMetadata/write",
    "Microsoft.Security/assessments/read",
    "Microsoft.Security/assessments/write",
    "Microsoft.Security/assessments/delete",
  ]
}

resource "azurerm_role_definition" "function" {
  name        = "${var.name} reader and assessment writer"
  scope       = "/subscriptions/${local.subscription_ids[0]}"
  description = "containerwatch: reads AKS, ACR, Arc, Defender plans and connectors; writes Defender for Cloud custom assessments."

  permissions {
    actions = local.role_actions
  }

  assignable_scopes = [for s in local.subscription_ids : "/subscriptions/${s}"]
}

resource "azurerm_role_assignment" "function" {
  for_each = toset(local.subscription_ids)

  scope              = "/subscriptions/${each.key}"
  role_definition_id = azurerm_role_definition.function.role_definition_resource_id
  principal_id       = azurerm_user_assigned_identity.function.principal_id
  principal_type     = "ServicePrincipal"
}

# The Functions host's own storage (leases, keys, timers, Event Hubs checkpoints, the deployment
# package): on this account only, which the app does not share.
resource "azurerm_role_assignment" "host_storage" {
  scope                = azurerm_storage_account.function.id
  role_definition_name = "Storage Blob Data Owner"
  principal_id         = azurerm_user_assigned_identity.function.principal_id
  principal_type       = "ServicePrincipal"
}

# Telemetry with Entra authentication (the Application Insights resource refuses instrumentation keys).
resource "azurerm_role_assignment" "insights" {
  scope                = azurerm_application_insights.this.id
  role_definition_name = "Monitoring Metrics Publisher"
  principal_id         = azurerm_user_assigned_identity.function.principal_id
  principal_type       = "ServicePrincipal"
}
