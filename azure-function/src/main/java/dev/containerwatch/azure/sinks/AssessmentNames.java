package dev.containerwatch.azure.sinks;

import dev.containerwatch.findings.FindingId;

/**
 * The assessment key of a rule: a GUID derived from the rule id alone ({@link
 * FindingId#uuidOf(String)} of {@code containerwatch:<rule id>}), the same in every subscription,
 * deployment and version. It names both the rule's assessment metadata and every assessment of the
 * rule: Defender requires an assessment's name to be its metadata's name.
 */
public final class AssessmentNames {
  private AssessmentNames() {}

  public static String of(String ruleId) {
    return FindingId.uuidOf("containerwatch:" + ruleId).toString();
  }

  /** {@code {scope}/providers/Microsoft.Security/assessments/{name}}. */
  public static String assessmentPath(String scope, String ruleId) {
    return scope + "/providers/Microsoft.Security/assessments/" + of(ruleId);
  }

  /** {@code /subscriptions/{s}/providers/Microsoft.Security/assessmentMetadata/{name}}. */
  public static String metadataPath(String subscription, String ruleId) {
    return "/subscriptions/"
        + subscription
        + "/providers/Microsoft.Security/assessmentMetadata/"
        + of(ruleId);
  }
}
