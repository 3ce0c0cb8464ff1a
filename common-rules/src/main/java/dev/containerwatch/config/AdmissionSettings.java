package dev.containerwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the admission webhook behaves when it cannot answer in time or fails: the configuration
 * document's {@code admission} block.
 *
 * <pre>{@code
 * admission:
 *   timeBudget: 2s          # answer within this, from the request's arrival (100ms to 25s)
 *   failurePolicy: Ignore   # Ignore: allow when the review cannot finish (default)
 *                           # Fail: deny then, but only while some rule's effect is deny
 * }</pre>
 *
 * <p>The budget stays below the webhook's timeout in the Kubernetes configuration (10 seconds by
 * default, at most 30) so that the cluster gets this function's answer, not its own timeout. The
 * names follow the ValidatingWebhookConfiguration's {@code failurePolicy}: with {@code Ignore} a
 * slow or failing review never blocks a deployment, which is what an audit tool must guarantee.
 *
 * @param timeBudget the longest the webhook takes to answer
 * @param failClosed whether a review that cannot finish denies (only when some rule denies)
 */
public record AdmissionSettings(Duration timeBudget, boolean failClosed) {
  public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(2);
  static final Duration MIN_TIME_BUDGET = Duration.ofMillis(100);
  static final Duration MAX_TIME_BUDGET = Duration.ofSeconds(25);

  /** Two seconds, fail open. */
  public static final AdmissionSettings DEFAULTS =
      new AdmissionSettings(DEFAULT_TIME_BUDGET, false);

  private static final Set<String> KEYS = Set.of("timeBudget", "failurePolicy");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s)");

  /** Reads the {@code admission} block, adding a problem per bad key to {@code problems}. */
  static AdmissionSettings read(JsonNode node, List<String> problems) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return DEFAULTS;
    }
    if (!node.isObject()) {
      problems.add("admission: expected a mapping, got " + ConfigurationLoader.describe(node));
      return DEFAULTS;
    }
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                problems.add("admission." + k + ": unknown key (known: failurePolicy, timeBudget)");
              }
            });
    Duration budget = DEFAULT_TIME_BUDGET;
    JsonNode budgetNode = node.get("timeBudget");
    if (budgetNode != null) {
      budget = duration(budgetNode);
      if (budget == null
          || budget.compareTo(MIN_TIME_BUDGET) < 0
          || budget.compareTo(MAX_TIME_BUDGET) > 0) {
        problems.add(
            "admission.timeBudget: expected a duration from 100ms to 25s such as 2s or 1500ms, got "
                + ConfigurationLoader.describe(budgetNode));
        budget = DEFAULT_TIME_BUDGET;
      }
    }
    boolean failClosed = false;
    JsonNode policyNode = node.get("failurePolicy");
    if (policyNode != null) {
      String policy = policyNode.isTextual() ? policyNode.textValue().toLowerCase(Locale.ROOT) : "";
      if (policy.equals("fail")) {
        failClosed = true;
      } else if (!policy.equals("ignore")) {
        problems.add(
            "admission.failurePolicy: expected Ignore or Fail, got "
                + ConfigurationLoader.describe(policyNode));
      }
    }
    return new AdmissionSettings(budget, failClosed);
  }

  private static Duration duration(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    Matcher m = DURATION.matcher(node.textValue().strip());
    if (!m.matches()) {
      return null;
    }
    long amount = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
  }
}
