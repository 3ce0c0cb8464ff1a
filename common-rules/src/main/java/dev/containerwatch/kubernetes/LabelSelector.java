package dev.containerwatch.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels}, {@code matchExpressions} with {@code In},
 * {@code NotIn}, {@code Exists}, {@code DoesNotExist}), as the Azure Policy {@code labelSelector}
 * parameter uses it. The empty selector matches everything.
 */
public final class LabelSelector {
  private LabelSelector() {}

  /** Whether {@code labels} (an object of strings, or absent) satisfy {@code selector}. */
  public static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector == null || !selector.isObject() || selector.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, JsonNode> e : selector.path("matchLabels").properties()) {
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      String key = expr.path("key").asText();
      String value = labels.path(key).isTextual() ? labels.get(key).textValue() : null;
      boolean in = false;
      for (JsonNode v : expr.path("values")) {
        in |= v.asText().equals(value);
      }
      switch (expr.path("operator").asText()) {
        case "In":
          if (value == null || !in) {
            return false;
          }
          break;
        case "NotIn":
          if (value != null && in) {
            return false;
          }
          break;
        case "Exists":
          if (value == null) {
            return false;
          }
          break;
        case "DoesNotExist":
          if (value != null) {
            return false;
          }
          break;
        default:
          return false;
      }
    }
    return true;
  }

  /** Why a selector is not valid, or null: checked when the configuration is loaded. */
  public static String problemWith(JsonNode selector) {
    for (JsonNode expr : selector.path("matchExpressions")) {
      String op = expr.path("operator").asText();
      if (!op.equals("In")
          && !op.equals("NotIn")
          && !op.equals("Exists")
          && !op.equals("DoesNotExist")) {
        return "matchExpressions operator must be In, NotIn, Exists or DoesNotExist, got '"
            + op
            + "'";
      }
      if (!expr.path("key").isTextual()) {
        return "every matchExpressions entry needs a key";
      }
    }
    JsonNode ml = selector.path("matchLabels");
    if (!ml.isMissingNode() && !ml.isObject()) {
      return "matchLabels must be a mapping of label values";
    }
    return null;
  }
}
