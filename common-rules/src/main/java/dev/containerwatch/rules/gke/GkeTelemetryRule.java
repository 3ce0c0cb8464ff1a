package dev.containerwatch.rules.gke;

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
 * A rule that a cluster sends one kind of telemetry (logs, metrics) to Google Cloud, read from both
 * surfaces the API keeps in sync: the legacy service field ({@code loggingService}, {@code
 * monitoringService}) and the newer {@code <kind>Config.componentConfig.enableComponents}.
 *
 * <p>{@code FAILED} when the service is {@code none} or when {@code componentConfig} is present
 * with no component (proto3 omits an empty list, so an absent {@code enableComponents} there is
 * empty). {@code UNKNOWN} when neither the service nor {@code componentConfig} is in the document:
 * proto3 omits an empty service string too, so nothing says whether telemetry is on. The legacy
 * Stackdriver service value ({@code logging.googleapis.com}, {@code monitoring.googleapis.com})
 * passes: it still writes to Cloud Logging / Monitoring, and the recommendation only asks that the
 * service is not {@code none}; the reason asks for a migration. Autopilot clusters are evaluated
 * like Standard ones: users can narrow or turn off both there.
 */
abstract class GkeTelemetryRule implements ResourceRule {
  private static final String NONE = "none";

  private final String serviceField;
  private final String componentsField;
  private final String legacyService;
  private final String currentService;
  private final String destination;

  /**
   * @param serviceField e.g. {@code loggingService}
   * @param configField e.g. {@code loggingConfig}
   * @param legacyService the legacy Stackdriver value, e.g. {@code logging.googleapis.com}
   * @param currentService the current value, e.g. {@code logging.googleapis.com/kubernetes}
   * @param destination where the telemetry goes, e.g. {@code Cloud Logging}
   */
  GkeTelemetryRule(
      String serviceField,
      String configField,
      String legacyService,
      String currentService,
      String destination) {
    this.serviceField = serviceField;
    this.componentsField = configField + ".componentConfig";
    this.legacyService = legacyService;
    this.currentService = currentService;
    this.destination = destination;
  }

  @Override
  public final ResourceType resourceType() {
    return ResourceType.GKE_CLUSTER;
  }

  /**
   * More about the cluster's telemetry worth saying in any reason (e.g. a related collector that
   * does not change the verdict), starting with "; "; empty by default.
   */
  String note(Doc cluster) {
    return "";
  }

  @Override
  public final Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc cluster = GkeClusters.of(snapshot);
    Optional<String> service = cluster.get(serviceField).text().filter(s -> !s.isBlank());
    Doc componentConfig = cluster.get(componentsField);
    Doc enabled = componentConfig.get("enableComponents");
    List<String> components = enabled.texts();
    if (service.isEmpty() && componentConfig.isAbsent()) {
      return Verdict.unknown(
          serviceField
              + " and "
              + componentsField
              + " are absent: the document does not say whether "
              + destination
              + " is on"
              + note(cluster));
    }
    List<String> faults = new ArrayList<>();
    if (service.isPresent() && service.get().equalsIgnoreCase(NONE)) {
      faults.add(serviceField + " is none");
    }
    if (componentConfig.isPresent() && components.isEmpty()) {
      faults.add(
          componentsField
              + (enabled.isAbsent()
                  ? " has no enableComponents (no component enabled)"
                  : ".enableComponents is " + enabled.describe()));
    }
    if (!faults.isEmpty()) {
      return Verdict.failed(
          String.join(" and ", faults) + ": " + destination + " collection is off" + note(cluster));
    }
    List<String> evidence = new ArrayList<>();
    service.ifPresent(
        s ->
            evidence.add(
                serviceField
                    + " is "
                    + s
                    + (s.equalsIgnoreCase(legacyService)
                        ? " (the retired legacy Stackdriver service; it still writes to "
                            + destination
                            + ", but should be migrated to "
                            + currentService
                            + ")"
                        : "")));
    if (componentConfig.isPresent()) {
      evidence.add(componentsField + ".enableComponents is " + components);
    }
    return Verdict.passed(
        String.join(" and ", evidence) + ": " + destination + " collection is on" + note(cluster));
  }
}
