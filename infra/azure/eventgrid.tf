# Event Grid: system topics for the changes the function evaluates, each with one subscription to the
# containerwatch-eventgrid function whose filters let through exactly the event types and resource types
# azure-function's routing (AzureEvents, ArmId) processes. The CI check (infra/tests) matches them
# against events-samples/azure/ and that source. Undeliverable events are dead-lettered to blob storage.

locals {
  # The top-level resource types the function evaluates, as they appear in an ARM id (subject); a
  # change to one of their children (agent pools, private endpoint connections, extensions,
  # diagnostic settings) has the parent's type in its subject too.
  evaluated_resource_paths = [
    "/providers/Microsoft.ContainerService/managedClusters/",
    "/providers/Microsoft.ContainerRegistry/registries/",
    "/providers/Microsoft.Kubernetes/connectedClusters/",
    "/providers/Microsoft.Security/pricings/",
    "/providers/Microsoft.Security/securityConnectors/",
  ]

  eventgrid_filters = {
    resources = {
      event_types      = ["Microsoft.Resources.ResourceWriteSuccess", "Microsoft.Resources.ResourceDeleteSuccess"]
      subject_contains = local.evaluated_resource_paths
    }
    resource_notifications = {
      event_types      = ["Microsoft.ResourceNotifications.Resources.CreatedOrUpdated", "Microsoft.ResourceNotifications.Resources.Deleted"]
      subject_contains = local.evaluated_resource_paths
    }
    # Image pushes and deletes only (chart events are not images).
    container_registry = {
      event_types = ["Microsoft.ContainerRegistry.ImagePushed", "Microsoft.ContainerRegistry.ImageDeleted"]
    }
    # The cluster's own events: each says its state may have moved.
    container_service = {
      event_types = [
        "Microsoft.ContainerService.NewKubernetesVersionAvailable",
        "Microsoft.ContainerService.ClusterSupportEnding",
        "Microsoft.ContainerService.ClusterSupportEnded",
        "Microsoft.ContainerService.NodePoolRollingStarted",
        "Microsoft.ContainerService.NodePoolRollingSucceeded",
        "Microsoft.ContainerService.NodePoolRollingFailed",
      ]
    }
  }

  eventgrid_function_id = "${local.app_id}/functions/containerwatch-eventgrid"
  registries            = { for r in var.container_registries : basename(r.id) => r }
  clusters              = { for c in var.aks_clusters : basename(c.id) => c }

  # Every system topic's identity writes dead letters (Storage Blob Data Contributor on the container).
  topic_principals = merge(
    { for k, t in azurerm_eventgrid_system_topic.subscription : "subscription-${k}" => t.identity[0].principal_id },
    { for k, t in azurerm_eventgrid_system_topic.resource_group : "resource-group-${k}" => t.identity[0].principal_id },
    { for k, t in azurerm_eventgrid_system_topic.resource_notifications : "resource-notifications-${k}" => t.identity[0].principal_id },
    { for k, t in azurerm_eventgrid_system_topic.container_registry : "registry-${k}" => t.identity[0].principal_id },
    { for k, t in azurerm_eventgrid_system_topic.container_service : "cluster-${k}" => t.identity[0].principal_id },
  )
  topic_keys = concat(
    var.subscription_events ? ["subscription-0"] : [],
    [for g in var.resource_group_names : "resource-group-${g}"],
    var.resource_notifications ? ["resource-notifications-0"] : [],
    [for k in keys(local.registries) : "registry-${k}"],
    [for k in keys(local.clusters) : "cluster-${k}"],
  )
}

resource "azurerm_storage_container" "dead_letter" {
  name                  = "eventgrid-dead-letters"
  storage_account_id    = azurerm_storage_account.function.id
  container_access_type = "private"
}

resource "azurerm_role_assignment" "dead_letter" {
  for_each = toset(local.topic_keys)

  scope                = "${azurerm_storage_account.function.id}/blobServices/default/containers/${azurerm_storage_container.dead_letter.name}"
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = local.topic_principals[each.key]
  principal_type       = "ServicePrincipal"
}

# Resource writes and deletes of the whole subscription.
resource "azurerm_eventgrid_system_topic" "subscription" {
  count = var.subscription_events ? 1 : 0

  name                = "${var.name}-subscription"
  resource_group_name = var.resource_group_name
  location            = "global"
  source_resource_id  = "/subscriptions/${local.subscription_id}"
  topic_type          = "Microsoft.Resources.Subscriptions"
  tags                = var.tags

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_eventgrid_system_topic_event_subscription" "subscription" {
  count = var.subscription_events ? 1 : 0

  name                  = "${var.name}-resources"
  system_topic          = azurerm_eventgrid_system_topic.subscription[0].name
  resource_group_name   = azurerm_eventgrid_system_topic.subscription[0].resource_group_name
  event_delivery_schema = "EventGridSchema"
  included_event_types  = local.eventgrid_filters.resources.event_types

  advanced_filter {
    string_contains {
      key    = "subject"
      values = local.eventgrid_filters.resources.subject_contains
    }
  }

  azure_function_endpoint {
    function_id          = local.eventgrid_function_id
    max_events_per_batch = 1
  }

  retry_policy {
    max_delivery_attempts = var.eventgrid_max_delivery_attempts
    event_time_to_live    = var.eventgrid_event_ttl_minutes
  }

  dead_letter_identity {
    type = "SystemAssigned"
  }

  storage_blob_dead_letter_destination {
    storage_account_id          = azurerm_storage_account.function.id
    storage_blob_container_name = azurerm_storage_container.dead_letter.name
  }

  depends_on = [azurerm_role_assignment.dead_letter]
}

# Resource writes and deletes of single resource groups.
resource "azurerm_eventgrid_system_topic" "resource_group" {
  for_each = toset(var.resource_group_names)

  name                = "${var.name}-${each.key}"
  resource_group_name = each.key
  location            = "global"
  source_resource_id  = "/subscriptions/${local.subscription_id}/resourceGroups/${each.key}"
  topic_type          = "Microsoft.Resources.ResourceGroups"
  tags                = var.tags

  identity {
    type = "SystemAssigned"
  }

  lifecycle {
    precondition {
      condition     = !var.subscription_events
      error_message = "resource_group_names watches resource groups instead of the whole subscription: set subscription_events = false, or every event would arrive twice."
    }
  }
}

resource "azurerm_eventgrid_system_topic_event_subscription" "resource_group" {
  for_each = toset(var.resource_group_names)

  name                  = "${var.name}-resources"
  system_topic          = azurerm_eventgrid_system_topic.resource_group[each.key].name
  resource_group_name   = azurerm_eventgrid_system_topic.resource_group[each.key].resource_group_name
  event_delivery_schema = "EventGridSchema"
  included_event_types  = local.eventgrid_filters.resources.event_types

  advanced_filter {
    string_contains {
      key    = "subject"
      values = local.eventgrid_filters.resources.subject_contains
    }
  }

  azure_function_endpoint {
    function_id          = local.eventgrid_function_id
    max_events_per_batch = 1
  }

  retry_policy {
    max_delivery_attempts = var.eventgrid_max_delivery_attempts
    event_time_to_live    = var.eventgrid_event_ttl_minutes
  }

  dead_letter_identity {
    type = "SystemAssigned"
  }

  storage_blob_dead_letter_destination {
    storage_account_id          = azurerm_storage_account.function.id
    storage_blob_container_name = azurerm_storage_container.dead_letter.name
  }

  depends_on = [azurerm_role_assignment.dead_letter]
}

# Azure Resource Notifications: the whole resource in the event. Subscribing needs
# Microsoft.ResourceNotifications/systemTopics/subscribeToResources/action for the identity running Terraform.
resource "azurerm_eventgrid_system_topic" "resource_notifications" {
  count = var.resource_notifications ? 1 : 0

  name                = "${var.name}-resource-notifications"
  resource_group_name = var.resource_group_name
  location            = "global"
  source_resource_id  = "/subscriptions/${local.subscription_id}"
  topic_type          = "Microsoft.ResourceNotifications.Resources"
  tags                = var.tags

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_eventgrid_system_topic_event_subscription" "resource_notifications" {
  count = var.resource_notifications ? 1 : 0

  name                  = "${var.name}-resource-notifications"
  system_topic          = azurerm_eventgrid_system_topic.resource_notifications[0].name
  resource_group_name   = azurerm_eventgrid_system_topic.resource_notifications[0].resource_group_name
  event_delivery_schema = "EventGridSchema"
  included_event_types  = local.eventgrid_filters.resource_notifications.event_types

  advanced_filter {
    string_contains {
      key    = "subject"
      values = local.eventgrid_filters.resource_notifications.subject_contains
    }
  }

  azure_function_endpoint {
    function_id          = local.eventgrid_function_id
    max_events_per_batch = 1
  }

  retry_policy {
    max_delivery_attempts = var.eventgrid_max_delivery_attempts
    event_time_to_live    = var.eventgrid_event_ttl_minutes
  }

  dead_letter_identity {
    type = "SystemAssigned"
  }

  storage_blob_dead_letter_destination {
    storage_account_id          = azurerm_storage_account.function.id
    storage_blob_container_name = azurerm_storage_container.dead_letter.name
  }

  depends_on = [azurerm_role_assignment.dead_letter]
}

# Image pushes and deletes of each registry.
resource "azurerm_eventgrid_system_topic" "container_registry" {
  for_each = local.registries

  name                = "${var.name}-${each.key}"
  resource_group_name = split("/", each.value.id)[4]
  location            = each.value.location
  source_resource_id  = each.value.id
  topic_type          = "Microsoft.ContainerRegistry.Registries"
  tags                = var.tags

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_eventgrid_system_topic_event_subscription" "container_registry" {
  for_each = local.registries

  name                  = "${var.name}-images"
  system_topic          = azurerm_eventgrid_system_topic.container_registry[each.key].name
  resource_group_name   = azurerm_eventgrid_system_topic.container_registry[each.key].resource_group_name
  event_delivery_schema = "EventGridSchema"
  included_event_types  = local.eventgrid_filters.container_registry.event_types

  azure_function_endpoint {
    function_id          = local.eventgrid_function_id
    max_events_per_batch = 1
  }

  retry_policy {
    max_delivery_attempts = var.eventgrid_max_delivery_attempts
    event_time_to_live    = var.eventgrid_event_ttl_minutes
  }

  dead_letter_identity {
    type = "SystemAssigned"
  }

  storage_blob_dead_letter_destination {
    storage_account_id          = azurerm_storage_account.function.id
    storage_blob_container_name = azurerm_storage_container.dead_letter.name
  }

  depends_on = [azurerm_role_assignment.dead_letter]
}

# Each cluster's own events.
resource "azurerm_eventgrid_system_topic" "container_service" {
  for_each = local.clusters

  name                = "${var.name}-${each.key}"
  resource_group_name = split("/", each.value.id)[4]
  location            = each.value.location
  source_resource_id  = each.value.id
  topic_type          = "Microsoft.ContainerService.ManagedClusters"
  tags                = var.tags

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_eventgrid_system_topic_event_subscription" "container_service" {
  for_each = local.clusters

  name                  = "${var.name}-cluster"
  system_topic          = azurerm_eventgrid_system_topic.container_service[each.key].name
  resource_group_name   = azurerm_eventgrid_system_topic.container_service[each.key].resource_group_name
  event_delivery_schema = "EventGridSchema"
  included_event_types  = local.eventgrid_filters.container_service.event_types

  azure_function_endpoint {
    function_id          = local.eventgrid_function_id
    max_events_per_batch = 1
  }

  retry_policy {
    max_delivery_attempts = var.eventgrid_max_delivery_attempts
    event_time_to_live    = var.eventgrid_event_ttl_minutes
  }

  dead_letter_identity {
    type = "SystemAssigned"
  }

  storage_blob_dead_letter_destination {
    storage_account_id          = azurerm_storage_account.function.id
    storage_blob_container_name = azurerm_storage_container.dead_letter.name
  }

  depends_on = [azurerm_role_assignment.dead_letter]
}
