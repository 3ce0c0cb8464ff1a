package dev.containerwatch.rules.gke;

/**
 * "Logging for GKE clusters should be enabled": {@code loggingService} is not {@code none} and,
 * when {@code loggingConfig.componentConfig} is present, its {@code enableComponents} is not empty
 * ({@code SYSTEM_COMPONENTS}, {@code WORKLOADS}, {@code APISERVER}, ...).
 *
 * <p>Either field alone decides when the other is absent; neither present is {@code UNKNOWN}. Any
 * non-empty component list passes, {@code SYSTEM_COMPONENTS} alone included: logging is on, even if
 * workload logs are not collected. See {@link GkeTelemetryRule} for absent fields and the legacy
 * {@code logging.googleapis.com} value.
 */
public final class GkeLogging extends GkeTelemetryRule {

  public GkeLogging() {
    super(
        "loggingService",
        "loggingConfig",
        "logging.googleapis.com",
        "logging.googleapis.com/kubernetes",
        "Cloud Logging");
  }

  @Override
  public String id() {
    return "gke.logging";
  }
}
