# Kubernetes audit logs of the given AKS clusters: a diagnostic setting on each cluster streams the
# audit category to one Event Hub, which the containerwatch-aks-audit function reads with its identity.

resource "azurerm_eventhub_namespace" "audit" {
  count = length(var.audit_log_cluster_ids) > 0 ? 1 : 0

  name                = "${var.function_app_name}-audit"
  resource_group_name = var.resource_group_name
  location            = var.location
  sku                 = "Standard"
  capacity            = 1
  minimum_tls_version = "1.2"
  tags                = var.tags
}

resource "azurerm_eventhub" "audit" {
  count = length(var.audit_log_cluster_ids) > 0 ? 1 : 0

  name              = "aks-audit"
  namespace_id      = azurerm_eventhub_namespace.audit[0].id
  partition_count   = 4
  message_retention = 1
}

# Diagnostic settings stream to Event Hubs only through a namespace-level shared access rule, and Azure
# Monitor requires it to hold Manage, Send and Listen; it is used by the diagnostic settings alone
# (the function reads with Entra ID).
resource "azurerm_eventhub_namespace_authorization_rule" "diagnostics" {
  count = length(var.audit_log_cluster_ids) > 0 ? 1 : 0

  name                = "aks-diagnostic-settings"
  namespace_name      = azurerm_eventhub_namespace.audit[0].name
  resource_group_name = var.resource_group_name
  listen              = true
  send                = true
  manage              = true
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  for_each = toset(var.audit_log_cluster_ids)

  name                           = "${var.name}-audit"
  target_resource_id             = each.key
  eventhub_name                  = azurerm_eventhub.audit[0].name
  eventhub_authorization_rule_id = azurerm_eventhub_namespace_authorization_rule.diagnostics[0].id

  enabled_log {
    category = var.audit_log_category
  }
}

resource "azurerm_role_assignment" "audit_receiver" {
  count = length(var.audit_log_cluster_ids) > 0 ? 1 : 0

  scope                = azurerm_eventhub.audit[0].id
  role_definition_name = "Azure Event Hubs Data Receiver"
  principal_id         = azurerm_user_assigned_identity.function.principal_id
  principal_type       = "ServicePrincipal"
}
