package dev.containerwatch.catalog;

import dev.containerwatch.model.Cloud;
import java.util.Objects;

/**
 * One Defender for Cloud container recommendation, as the catalog describes it.
 *
 * @param id the stable rule id ({@code aks.rbac}); it appears in finding ids and configuration
 * @param cloud where the resource lives
 * @param resource what the recommendation is evaluated on, in words
 * @param severity Defender's severity
 * @param category control plane, data plane or vulnerability assessment
 * @param title the recommendation's English name, as Defender shows it
 * @param titleJa the recommendation's Japanese name
 * @param assessmentKey Defender's assessment key, where published; otherwise {@code null}
 * @param preview a "[Preview]" recommendation (Defender does not count it in the secure score)
 * @param defaultOff an "(Enable if required)" recommendation: evaluated only when configured on
 * @param supersededBy the preview recommendation that replaces this one once GA, or {@code null}
 * @param description what the recommendation checks and why it matters
 * @param remediation what to change, with the CLI or Terraform setting where there is one
 */
public record Recommendation(
    String id,
    Cloud cloud,
    String resource,
    Severity severity,
    Category category,
    String title,
    String titleJa,
    String assessmentKey,
    boolean preview,
    boolean defaultOff,
    String supersededBy,
    String description,
    String remediation) {

  public Recommendation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(title, "title");
  }
}
