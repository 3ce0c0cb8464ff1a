package dev.containerwatch.rules.gke;

import dev.containerwatch.model.Doc;

/**
 * "Monitoring on GKE clusters should be enabled": {@code monitoringService} is not {@code none}
 * and, when {@code monitoringConfig.componentConfig} is present, its {@code enableComponents} is
 * not empty.
 *
 * <p>Either field alone decides when the other is absent; neither present is {@code UNKNOWN} (see
 * {@link GkeTelemetryRule}). {@code monitoringConfig.managedPrometheusConfig.enabled} is reported
 * but does not decide: managed Prometheus collects the metrics workloads expose, not the cluster's
 * system metrics the recommendation is about.
 */
public final class GkeMonitoring extends GkeTelemetryRule {

  public GkeMonitoring() {
    super(
        "monitoringService",
        "monitoringConfig",
        "monitoring.googleapis.com",
        "monitoring.googleapis.com/kubernetes",
        "Cloud Monitoring");
  }

  @Override
  public String id() {
    return "gke.monitoring";
  }

  @Override
  String note(Doc cluster) {
    return cluster.get("monitoringConfig.managedPrometheusConfig.enabled").isTrue()
        ? "; managed Prometheus collection is on"
            + " (monitoringConfig.managedPrometheusConfig.enabled), which covers workload metrics"
            + " only"
        : "";
  }
}
