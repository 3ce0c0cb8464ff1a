# Secrets the functions read (webhook signing secret, Docker Hub token) live in Key Vault; the app
# settings hold Key Vault references, resolved with the function's identity, which may read each
# secret and nothing else in the vault.

locals {
  secret_names = concat(
    var.webhook_url == null ? [] : ["webhook-secret"],
    nonsensitive(var.dockerhub_token != null) ? ["dockerhub-token"] : [],
  )
  secret_values = {
    "webhook-secret"  = var.webhook_secret
    "dockerhub-token" = var.dockerhub_token
  }
}

resource "azurerm_key_vault" "this" {
  count = length(local.secret_names) > 0 ? 1 : 0

  name                       = substr("${var.function_app_name}-kv", 0, 24)
  resource_group_name        = var.resource_group_name
  location                   = var.location
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 7
  tags                       = var.tags
}

# Terraform itself writes the secrets: the identity running it needs the officer role on this vault.
resource "azurerm_role_assignment" "deployer_secrets" {
  count = length(local.secret_names) > 0 && var.grant_deployer_secret_access ? 1 : 0

  scope                = azurerm_key_vault.this[0].id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

resource "azurerm_key_vault_secret" "this" {
  for_each = toset(local.secret_names)

  name         = each.key
  value        = local.secret_values[each.key]
  key_vault_id = azurerm_key_vault.this[0].id
  content_type = "text/plain"

  lifecycle {
    precondition {
      condition     = local.secret_values[each.key] != null
      error_message = "webhook_url needs webhook_secret (the signing secret)."
    }
  }

  depends_on = [azurerm_role_assignment.deployer_secrets]
}

resource "azurerm_role_assignment" "secrets" {
  for_each = toset(local.secret_names)

  scope                = azurerm_key_vault_secret.this[each.key].resource_versionless_id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.function.principal_id
  principal_type       = "ServicePrincipal"
}
