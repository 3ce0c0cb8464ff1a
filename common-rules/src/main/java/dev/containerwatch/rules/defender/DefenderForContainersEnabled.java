package dev.containerwatch.rules.defender;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Microsoft Defender for Containers should be enabled": the subscription's {@code
 * Microsoft.Security/pricings/Containers} has {@code properties.pricingTier} {@code Standard} (any
 * case); {@code Free} fails.
 *
 * <p>Only the {@code Containers} plan ({@code name}, any case, or the last segment of {@code id})
 * is judged; other plans are not applicable. The deprecated {@code KubernetesService} and {@code
 * ContainerRegistry} plans are not applicable either, and the reason says they were replaced by
 * {@code Containers}: their tier no longer decides whether containers are protected.
 *
 * <p>A pricing GET always has {@code pricingTier}; without it (a trimmed document) the rule cannot
 * tell and answers {@code UNKNOWN}. From api-version 2023-01-01 the plan lists its components in
 * {@code properties.extensions[]} ({@code name}, {@code isEnabled} "True"/"False"). The
 * recommendation is about the plan, so a disabled component does not fail it; the passing reason
 * names the disabled ones so that they are seen.
 */
public final class DefenderForContainersEnabled implements ResourceRule {
  private static final String PLAN = "Containers";
  private static final List<String> REPLACED_PLANS =
      List.of("KubernetesService", "ContainerRegistry");

  @Override
  public String id() {
    return "azure.defender-for-containers";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.DEFENDER_PLAN;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc pricing = Doc.arm(snapshot.document());
    String plan = planName(pricing);
    if (REPLACED_PLANS.stream().anyMatch(plan::equalsIgnoreCase)) {
      return Verdict.notApplicable(
          "pricing '"
              + plan
              + "' is a deprecated plan, replaced by the "
              + PLAN
              + " plan: the recommendation is judged on pricings/"
              + PLAN);
    }
    if (!plan.equalsIgnoreCase(PLAN)) {
      return Verdict.notApplicable(
          "pricing '"
              + plan
              + "' is not the "
              + PLAN
              + " plan: the recommendation concerns it alone");
    }
    Doc tier = pricing.get("properties.pricingTier");
    Optional<String> value = tier.text();
    if (value.isEmpty()) {
      return Verdict.unknown("properties.pricingTier is " + tier.describe());
    }
    if (value.get().equalsIgnoreCase("Free")) {
      return Verdict.failed(
          "properties.pricingTier is "
              + value.get()
              + ": Defender for Containers is off for the subscription");
    }
    if (!value.get().equalsIgnoreCase("Standard")) {
      return Verdict.unknown(
          "properties.pricingTier is '" + value.get() + "', neither Standard nor Free");
    }
    List<String> disabled = disabledExtensions(pricing);
    String reason = "properties.pricingTier is " + value.get() + ": Defender for Containers is on";
    if (!disabled.isEmpty()) {
      reason +=
          "; properties.extensions has these components off (isEnabled False): "
              + String.join(", ", disabled);
    }
    return Verdict.passed(reason);
  }

  private static String planName(Doc pricing) {
    Optional<String> name = pricing.get("name").text();
    if (name.isPresent()) {
      return name.get();
    }
    String id = pricing.get("id").text().orElse("");
    return id.substring(id.lastIndexOf('/') + 1);
  }

  /** The plan's components whose {@code isEnabled} is not true, with the value when unusual. */
  private static List<String> disabledExtensions(Doc pricing) {
    List<String> out = new ArrayList<>();
    for (Doc extension : pricing.get("properties.extensions").items()) {
      Doc enabled = extension.get("isEnabled");
      if (enabled.isTrue()) {
        continue;
      }
      String name = extension.get("name").text().orElse("(unnamed)");
      Optional<Boolean> value = enabled.bool();
      out.add(value.isPresent() ? name : name + " (isEnabled " + enabled.describe() + ")");
    }
    return out;
  }
}
