output "function_app_id" {
  description = "ARM id of the Function App."
  value       = local.app_id
}

output "function_app_hostname" {
  description = "Host name of the Function App (<function_app_name>.azurewebsites.net)."
  value       = local.app_hostname
}

output "admission_webhook_url" {
  description = "The admission webhook's URL without its function key: add ?code=<key>&cluster=<cluster ARM id>."
  value       = "https://${local.app_hostname}/api/admission"
}

output "dockerhub_webhook_url" {
  description = "The Docker Hub webhook's URL without its token: add ?token=<dockerhub_token>."
  value       = "https://${local.app_hostname}/api/dockerhub"
}

output "identity_principal_id" {
  description = "Object id of the function's user-assigned identity."
  value       = azurerm_user_assigned_identity.function.principal_id
}

output "identity_client_id" {
  description = "Client id of the function's user-assigned identity (AZURE_CLIENT_ID)."
  value       = azurerm_user_assigned_identity.function.client_id
}

output "role_definition_id" {
  description = "Resource id of the custom role (exact read and assessment actions)."
  value       = azurerm_role_definition.function.role_definition_resource_id
}

output "eventgrid_system_topic_ids" {
  description = "Ids of the Event Grid system topics created, by kind and key."
  value = merge(
    { for k, t in azurerm_eventgrid_system_topic.subscription : "subscription-${k}" => t.id },
    { for k, t in azurerm_eventgrid_system_topic.resource_group : "resource-group-${k}" => t.id },
    { for k, t in azurerm_eventgrid_system_topic.resource_notifications : "resource-notifications-${k}" => t.id },
    { for k, t in azurerm_eventgrid_system_topic.container_registry : "registry-${k}" => t.id },
    { for k, t in azurerm_eventgrid_system_topic.container_service : "cluster-${k}" => t.id },
  )
}

output "dead_letter_container" {
  description = "Blob container receiving the events Event Grid could not deliver."
  value       = "${azurerm_storage_account.function.primary_blob_endpoint}${azurerm_storage_container.dead_letter.name}"
}

output "audit_eventhub" {
  description = "Event Hub receiving the AKS audit logs (namespace/hub), or null."
  value       = length(azurerm_eventhub.audit) > 0 ? "${azurerm_eventhub_namespace.audit[0].name}/${azurerm_eventhub.audit[0].name}" : null
}

output "key_vault_id" {
  description = "Id of the Key Vault holding the webhook secret and the Docker Hub token, or null."
  value       = length(azurerm_key_vault.this) > 0 ? azurerm_key_vault.this[0].id : null
}
