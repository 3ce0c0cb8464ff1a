package dev.containerwatch.azure;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.events.ArmId;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The function app's settings (environment variables), read and checked once per container. The
 * rule configuration ({@code CONTAINERWATCH_CONFIG}, {@code CONTAINERWATCH_CONFIG_FILE}) and the
 * webhook ({@code CONTAINERWATCH_WEBHOOK_*}) are read by their own classes; the README lists all.
 */
public record Settings(
    List<String> subscriptions,
    URI armEndpoint,
    boolean defenderAssessments,
    String dockerHubScope,
    String dockerHubToken,
    String scanReports,
    Set<String> admissionClusters,
    boolean admissionRecord) {

  public static final String SUBSCRIPTIONS = "CONTAINERWATCH_SUBSCRIPTIONS";
  public static final String ARM_ENDPOINT = "CONTAINERWATCH_ARM_ENDPOINT";
  public static final String DEFENDER_ASSESSMENTS = "CONTAINERWATCH_DEFENDER_ASSESSMENTS";
  public static final String DOCKERHUB_SCOPE = "CONTAINERWATCH_DOCKERHUB_SCOPE";
  public static final String DOCKERHUB_TOKEN = "CONTAINERWATCH_DOCKERHUB_TOKEN";
  public static final String SCAN_REPORTS = "CONTAINERWATCH_SCAN_REPORTS";
  public static final String ADMISSION_CLUSTERS = "CONTAINERWATCH_ADMISSION_CLUSTERS";
  public static final String ADMISSION_RECORD = "CONTAINERWATCH_ADMISSION_RECORD";

  public static final String DEFAULT_ARM_ENDPOINT = "https://management.azure.com";

  private static final Pattern GUID =
      Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

  /**
   * @throws InvalidInputException naming every setting that is wrong
   */
  public static Settings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    List<String> subscriptions = new ArrayList<>();
    for (String s : split(env.get(SUBSCRIPTIONS))) {
      if (GUID.matcher(s).matches()) {
        subscriptions.add(s.toLowerCase(Locale.ROOT));
      } else {
        problems.add(SUBSCRIPTIONS + ": '" + s + "' is not a subscription id (a GUID)");
      }
    }
    URI endpoint = URI.create(DEFAULT_ARM_ENDPOINT);
    String configuredEndpoint = env.get(ARM_ENDPOINT);
    if (configuredEndpoint != null && !configuredEndpoint.isBlank()) {
      try {
        endpoint = URI.create(configuredEndpoint.strip());
        boolean loopback =
            "http".equals(endpoint.getScheme())
                && ("localhost".equals(endpoint.getHost())
                    || "127.0.0.1".equals(endpoint.getHost()));
        if (endpoint.getHost() == null || !("https".equals(endpoint.getScheme()) || loopback)) {
          problems.add(ARM_ENDPOINT + ": not an https URL (tokens are never sent in clear)");
        }
      } catch (IllegalArgumentException e) {
        problems.add(ARM_ENDPOINT + ": not a URL");
      }
    }
    try {
      dev.containerwatch.azure.loaders.TokenSources.Choice.of(
          env.get(dev.containerwatch.azure.loaders.TokenSources.SETTING));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    boolean defender = flag(env, DEFENDER_ASSESSMENTS, true, problems);
    boolean record = flag(env, ADMISSION_RECORD, true, problems);
    String dockerHubScope = blankToNull(env.get(DOCKERHUB_SCOPE));
    if (dockerHubScope != null
        && !dockerHubScope.matches("(?i)^/subscriptions/[0-9a-f-]{36}$")
        && ArmId.parse(dockerHubScope).isEmpty()) {
      problems.add(DOCKERHUB_SCOPE + ": not an ARM id (/subscriptions/... )");
    }
    Set<String> clusters = new LinkedHashSet<>();
    for (String c : split(env.get(ADMISSION_CLUSTERS))) {
      if (ArmId.parse(c).filter(a -> !a.child()).isPresent()) {
        clusters.add(c);
      } else {
        problems.add(ADMISSION_CLUSTERS + ": '" + c + "' is not a cluster's ARM id");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("settings: " + String.join("; ", problems));
    }
    return new Settings(
        subscriptions,
        endpoint,
        defender,
        dockerHubScope,
        blankToNull(env.get(DOCKERHUB_TOKEN)),
        blankToNull(env.get(SCAN_REPORTS)),
        clusters,
        record);
  }

  /** The token scope of the ARM endpoint ({@code https://management.azure.com/.default}). */
  public String armScope() {
    String base = armEndpoint.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/.default";
  }

  private static boolean flag(
      Map<String, String> env, String name, boolean fallback, List<String> problems) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      return fallback;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        problems.add(name + ": expected true or false, got '" + value + "'");
        return fallback;
    }
  }

  private static List<String> split(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String part : value.split("[,;\\s]+")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
