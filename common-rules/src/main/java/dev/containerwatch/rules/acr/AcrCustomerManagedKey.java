package dev.containerwatch.rules.acr;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.ArmResources;
import java.util.Optional;

/**
 * "(Enable if required) Container registries should be encrypted with a customer-managed key
 * (CMK)": {@code properties.encryption.status} is {@code enabled} (any case) and {@code
 * properties.encryption.keyVaultProperties.keyIdentifier} names the Key Vault key. Off unless the
 * configuration enables it.
 *
 * <p>Registries are encrypted with Microsoft-managed keys unless a customer key is configured, so
 * an absent {@code encryption} or {@code status} fails. A status of {@code enabled} without a key
 * identifier contradicts itself (ARM returns the key with the status): the rule cannot confirm the
 * key and answers {@code UNKNOWN}.
 */
public final class AcrCustomerManagedKey implements ResourceRule {
  private static final String STATUS = "properties.encryption.status";
  private static final String KEY = "properties.encryption.keyVaultProperties.keyIdentifier";

  @Override
  public String id() {
    return "acr.customer-managed-key";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.ACR_REGISTRY;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Optional<Doc> found = ArmResources.withProperties(snapshot);
    if (found.isEmpty()) {
      return ArmResources.withoutProperties("registry");
    }
    Doc registry = found.get();
    Doc status = registry.get(STATUS);
    if (!status.text().orElse("").equalsIgnoreCase("enabled")) {
      String value = status.text().isPresent() ? status.text().get() : status.describe();
      return Verdict.failed(
          STATUS + " is " + value + ": the registry is encrypted with Microsoft-managed keys");
    }
    Optional<String> key = registry.get(KEY).text().filter(k -> !k.isBlank());
    if (key.isEmpty()) {
      return Verdict.unknown(
          STATUS
              + " is enabled but "
              + KEY
              + " is "
              + registry.get(KEY).describe()
              + ", so the customer-managed key cannot be confirmed");
    }
    return Verdict.passed(STATUS + " is enabled with the Key Vault key " + key.get());
  }
}
