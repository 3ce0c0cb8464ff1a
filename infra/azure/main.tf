data "azurerm_client_config" "current" {}

locals {
  subscription_id  = data.azurerm_client_config.current.subscription_id
  subscription_ids = length(var.subscription_ids) > 0 ? var.subscription_ids : [local.subscription_id]
  flex             = var.plan_sku == "FC1"
  app_id           = local.flex ? azurerm_function_app_flex_consumption.this[0].id : azurerm_linux_function_app.this[0].id
  app_hostname     = local.flex ? azurerm_function_app_flex_consumption.this[0].default_hostname : azurerm_linux_function_app.this[0].default_hostname

  # The host and the functions authenticate with the user-assigned identity everywhere: no storage key,
  # no instrumentation key, no Event Hubs key in the app settings.
  app_settings = merge(
    {
      AzureWebJobsStorage__accountName          = azurerm_storage_account.function.name
      AzureWebJobsStorage__credential           = "managedidentity"
      AzureWebJobsStorage__clientId             = azurerm_user_assigned_identity.function.client_id
      AZURE_CLIENT_ID                           = azurerm_user_assigned_identity.function.client_id
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING = "ClientId=${azurerm_user_assigned_identity.function.client_id};Authorization=AAD"
      CONTAINERWATCH_SUBSCRIPTIONS              = join(",", local.subscription_ids)
    },
    var.rule_configuration == null ? {} : { CONTAINERWATCH_CONFIG = var.rule_configuration },
    length(var.admission_cluster_ids) == 0 ? {} : { CONTAINERWATCH_ADMISSION_CLUSTERS = join(",", var.admission_cluster_ids) },
    var.webhook_url == null ? {} : {
      CONTAINERWATCH_WEBHOOK_URL    = var.webhook_url
      CONTAINERWATCH_WEBHOOK_SECRET = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.this["webhook-secret"].versionless_id})"
    },
    contains(local.secret_names, "dockerhub-token") ? {
      CONTAINERWATCH_DOCKERHUB_TOKEN = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.this["dockerhub-token"].versionless_id})"
    } : {},
    length(var.audit_log_cluster_ids) == 0 ? {} : {
      CONTAINERWATCH_EVENTHUB_NAME                     = azurerm_eventhub.audit[0].name
      CONTAINERWATCH_EVENTHUB__fullyQualifiedNamespace = "${azurerm_eventhub_namespace.audit[0].name}.servicebus.windows.net"
      CONTAINERWATCH_EVENTHUB__credential              = "managedidentity"
      CONTAINERWATCH_EVENTHUB__clientId                = azurerm_user_assigned_identity.function.client_id
    }
  )
}

resource "azurerm_storage_account" "function" {
  name                            = var.storage_account_name
  resource_group_name             = var.resource_group_name
  location                        = var.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  min_tls_version                 = "TLS1_2"
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
  allow_nested_items_to_be_public = false
  tags                            = var.tags
}

resource "azurerm_storage_container" "package" {
  name                  = "app-package"
  storage_account_id    = azurerm_storage_account.function.id
  container_access_type = "private"
}

resource "azurerm_log_analytics_workspace" "this" {
  name                = "${var.name}-logs"
  resource_group_name = var.resource_group_name
  location            = var.location
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_days
  tags                = var.tags
}

resource "azurerm_application_insights" "this" {
  name                          = "${var.name}-insights"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  workspace_id                  = azurerm_log_analytics_workspace.this.id
  application_type              = "java"
  local_authentication_disabled = true
  tags                          = var.tags
}

resource "azurerm_service_plan" "this" {
  name                = "${var.name}-plan"
  resource_group_name = var.resource_group_name
  location            = var.location
  os_type             = "Linux"
  sku_name            = var.plan_sku
  tags                = var.tags
}

resource "azurerm_function_app_flex_consumption" "this" {
  count = local.flex ? 1 : 0

  name                              = var.function_app_name
  resource_group_name               = var.resource_group_name
  location                          = var.location
  service_plan_id                   = azurerm_service_plan.this.id
  storage_container_type            = "blobContainer"
  storage_container_endpoint        = "${azurerm_storage_account.function.primary_blob_endpoint}${azurerm_storage_container.package.name}"
  storage_authentication_type       = "UserAssignedIdentity"
  storage_user_assigned_identity_id = azurerm_user_assigned_identity.function.id
  runtime_name                      = "java"
  runtime_version                   = "17"
  maximum_instance_count            = var.maximum_instance_count
  instance_memory_in_mb             = var.instance_memory_mb
  zip_deploy_file                   = var.package_path
  app_settings                      = local.app_settings
  key_vault_reference_identity_id   = azurerm_user_assigned_identity.function.id
  public_network_access_enabled     = true

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.function.id]
  }

  site_config {
    application_insights_connection_string = azurerm_application_insights.this.connection_string
    minimum_tls_version                    = "1.2"
  }

  tags = var.tags

  depends_on = [
    azurerm_role_assignment.host_storage,
    azurerm_role_assignment.insights,
    azurerm_role_assignment.secrets,
  ]
}

resource "azurerm_linux_function_app" "this" {
  count = local.flex ? 0 : 1

  name                            = var.function_app_name
  resource_group_name             = var.resource_group_name
  location                        = var.location
  service_plan_id                 = azurerm_service_plan.this.id
  storage_account_name            = azurerm_storage_account.function.name
  storage_uses_managed_identity   = true
  https_only                      = true
  zip_deploy_file                 = var.package_path
  app_settings                    = merge(local.app_settings, { WEBSITE_RUN_FROM_PACKAGE = "1" })
  key_vault_reference_identity_id = azurerm_user_assigned_identity.function.id

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.function.id]
  }

  site_config {
    always_on                              = true
    application_insights_connection_string = azurerm_application_insights.this.connection_string
    minimum_tls_version                    = "1.2"

    application_stack {
      java_version = "17"
    }
  }

  tags = var.tags

  depends_on = [
    azurerm_role_assignment.host_storage,
    azurerm_role_assignment.insights,
    azurerm_role_assignment.secrets,
  ]
}
