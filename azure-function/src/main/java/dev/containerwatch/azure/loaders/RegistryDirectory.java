package dev.containerwatch.azure.loaders;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which registry (ARM id) a login server ({@code shopbuild.azurecr.io}) belongs to: image findings
 * are written on their registry's resource. Learnt from the registry events (topic and {@code
 * request.host}) and from the sweep's registry list, and kept for the life of the container.
 */
public final class RegistryDirectory {
  private final Map<String, String> byHost = new ConcurrentHashMap<>();

  public void remember(String loginServer, String registryId) {
    if (loginServer != null && !loginServer.isBlank() && registryId != null) {
      byHost.put(loginServer.toLowerCase(Locale.ROOT), registryId);
    }
  }

  public Optional<String> registryOf(String loginServer) {
    return Optional.ofNullable(byHost.get(loginServer.toLowerCase(Locale.ROOT)));
  }
}
