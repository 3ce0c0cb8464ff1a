package dev.containerwatch.gcp;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.gcp.events.GkeNames;
import dev.containerwatch.gcp.loaders.GcpClients;
import dev.containerwatch.gcp.sinks.SccSink;
import dev.containerwatch.gcp.sinks.SccWriteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The function's settings, from environment variables (the rules' own configuration, {@code
 * CONTAINERWATCH_CONFIG} / {@code CONTAINERWATCH_CONFIG_FILE}, and the webhook sink's {@code
 * CONTAINERWATCH_WEBHOOK_*} are read by their own classes). Every problem is reported at once,
 * naming the variable.
 *
 * @param sccSource {@value #SCC_SOURCE}: the Security Command Center source, or null for none
 * @param projects {@value #PROJECTS}: the projects a sweep reads
 * @param transport {@value #TRANSPORT}: {@code http} (default) or {@code grpc}
 * @param credentials {@value #CREDENTIALS}: {@code default} (Application Default Credentials) or
 *     {@code none} (emulators and local fakes only)
 * @param containerEndpoint {@value #CONTAINER_ENDPOINT}, or null for the default
 * @param sccEndpoint {@value #SCC_ENDPOINT}, or null for the default
 * @param containerAnalysisEndpoint {@value #CONTAINERANALYSIS_ENDPOINT}
 * @param storageEndpoint {@value #STORAGE_ENDPOINT}
 * @param scanReports {@value #SCAN_REPORTS}: {@code gs://bucket/prefix} or a folder, or null
 * @param dockerHubToken {@value #DOCKERHUB_TOKEN}: the Docker Hub webhook's shared secret, or null
 * @param admissionCluster {@value #ADMISSION_CLUSTER}: the admission webhook's default cluster, or
 *     null
 * @param sccWrites {@value #SCC_WRITES_PER_MINUTE} (pacing) and {@value #SCC_RETRY_SECONDS} (retry
 *     budget) over {@link SccWriteOptions#defaults()}
 * @param callTimeout {@value #CALL_TIMEOUT_SECONDS}: the time limit of one call of the GKE and SCC
 *     clients, or null for the clients' defaults
 */
public record GcpSettings(
    String sccSource,
    List<String> projects,
    GcpClients.Transport transport,
    boolean credentials,
    String containerEndpoint,
    String sccEndpoint,
    String containerAnalysisEndpoint,
    String storageEndpoint,
    String scanReports,
    String dockerHubToken,
    String admissionCluster,
    SccWriteOptions sccWrites,
    Duration callTimeout) {

  public static final String SCC_SOURCE = "CONTAINERWATCH_SCC_SOURCE";
  public static final String PROJECTS = "CONTAINERWATCH_PROJECTS";
  public static final String TRANSPORT = "CONTAINERWATCH_GCP_TRANSPORT";
  public static final String CREDENTIALS = "CONTAINERWATCH_GCP_CREDENTIALS";
  public static final String CONTAINER_ENDPOINT = "CONTAINERWATCH_CONTAINER_ENDPOINT";
  public static final String SCC_ENDPOINT = "CONTAINERWATCH_SCC_ENDPOINT";
  public static final String CONTAINERANALYSIS_ENDPOINT =
      "CONTAINERWATCH_CONTAINERANALYSIS_ENDPOINT";
  public static final String STORAGE_ENDPOINT = "CONTAINERWATCH_STORAGE_ENDPOINT";
  public static final String SCAN_REPORTS = "CONTAINERWATCH_SCAN_REPORTS";
  public static final String DOCKERHUB_TOKEN = "CONTAINERWATCH_DOCKERHUB_TOKEN";
  public static final String ADMISSION_CLUSTER = "CONTAINERWATCH_ADMISSION_CLUSTER";
  public static final String SCC_WRITES_PER_MINUTE = "CONTAINERWATCH_SCC_WRITES_PER_MINUTE";
  public static final String SCC_RETRY_SECONDS = "CONTAINERWATCH_SCC_RETRY_SECONDS";
  public static final String CALL_TIMEOUT_SECONDS = "CONTAINERWATCH_GCP_CALL_TIMEOUT_SECONDS";

  private static final Pattern PROJECT_ID = Pattern.compile("^[a-z][a-z0-9-]{4,28}[a-z0-9]$");
  private static final Pattern ENDPOINT = Pattern.compile("^https?://[A-Za-z0-9.-]+(:[0-9]+)?/?$");

  /**
   * @throws InvalidInputException naming every variable that is wrong
   */
  public static GcpSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String source = value(env, SCC_SOURCE);
    if (source != null && !SccSink.SOURCE.matcher(source).matches()) {
      problems.add(
          SCC_SOURCE
              + ": '"
              + source
              + "' is not organizations/ORG/sources/SOURCE (or folders/.../sources/..., projects/.../sources/...)");
    }
    List<String> projects = new ArrayList<>();
    String projectList = value(env, PROJECTS);
    if (projectList != null) {
      for (String p : Arrays.asList(projectList.split("[,\\s]+"))) {
        if (p.isEmpty()) {
          continue;
        }
        if (!PROJECT_ID.matcher(p).matches()) {
          problems.add(PROJECTS + ": '" + p + "' is not a project id");
        } else if (!projects.contains(p)) {
          projects.add(p);
        }
      }
    }
    GcpClients.Transport transport = GcpClients.Transport.HTTP_JSON;
    String t = value(env, TRANSPORT);
    if (t != null) {
      switch (t.toLowerCase(Locale.ROOT)) {
        case "http":
        case "http-json":
        case "rest":
          transport = GcpClients.Transport.HTTP_JSON;
          break;
        case "grpc":
          transport = GcpClients.Transport.GRPC;
          break;
        default:
          problems.add(TRANSPORT + ": '" + t + "' is neither http nor grpc");
      }
    }
    boolean credentials = true;
    String c = value(env, CREDENTIALS);
    if (c != null) {
      if (c.equalsIgnoreCase("none")) {
        credentials = false;
      } else if (!c.equalsIgnoreCase("default")) {
        problems.add(CREDENTIALS + ": '" + c + "' is neither default nor none");
      }
    }
    String container = endpoint(env, CONTAINER_ENDPOINT, null, problems);
    String scc = endpoint(env, SCC_ENDPOINT, null, problems);
    String analysis =
        endpoint(
            env, CONTAINERANALYSIS_ENDPOINT, "https://containeranalysis.googleapis.com", problems);
    String storage = endpoint(env, STORAGE_ENDPOINT, "https://storage.googleapis.com", problems);
    String reports = value(env, SCAN_REPORTS);
    if (reports != null
        && reports.startsWith("gs://")
        && !reports.matches("^gs://[a-z0-9][a-z0-9._-]{1,221}[a-z0-9](/.*)?$")) {
      problems.add(SCAN_REPORTS + ": '" + reports + "' is not gs://BUCKET[/PREFIX]");
    }
    String cluster = value(env, ADMISSION_CLUSTER);
    if (cluster != null && GkeNames.cluster(cluster).isEmpty()) {
      problems.add(
          ADMISSION_CLUSTER + ": '" + cluster + "' is not projects/P/locations/L/clusters/C");
    }
    SccWriteOptions writes = SccWriteOptions.defaults();
    Integer perMinute = number(env, SCC_WRITES_PER_MINUTE, 1, 100_000, problems);
    if (perMinute != null) {
      writes = writes.withWritesPerMinute(perMinute);
    }
    Integer retrySeconds = number(env, SCC_RETRY_SECONDS, 1, 3600, problems);
    if (retrySeconds != null) {
      writes = writes.withRetryBudget(Duration.ofSeconds(retrySeconds));
    }
    Integer timeout = number(env, CALL_TIMEOUT_SECONDS, 1, 600, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("configuration: " + String.join("; ", problems));
    }
    return new GcpSettings(
        source,
        projects,
        transport,
        credentials,
        container,
        scc,
        analysis,
        storage,
        reports,
        value(env, DOCKERHUB_TOKEN),
        cluster,
        writes,
        timeout == null ? null : Duration.ofSeconds(timeout));
  }

  private static Integer number(
      Map<String, String> env, String name, int min, int max, List<String> problems) {
    String v = value(env, name);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + ": '" + v + "' is not a whole number from " + min + " to " + max);
    return null;
  }

  private static String endpoint(
      Map<String, String> env, String name, String fallback, List<String> problems) {
    String v = value(env, name);
    if (v == null) {
      return fallback;
    }
    if (!ENDPOINT.matcher(v).matches()) {
      problems.add(name + ": '" + v + "' is not https://HOST[:PORT] (or http:// for a local fake)");
    }
    return v.replaceAll("/+$", "");
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
