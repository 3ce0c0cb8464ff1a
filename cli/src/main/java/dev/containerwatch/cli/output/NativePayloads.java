package dev.containerwatch.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.aws.loaders.AwsResources;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.aws.sinks.SecurityHubSink;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.azure.sinks.AssessmentScopes;
import dev.containerwatch.azure.sinks.DefenderAssessmentSink;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.cli.replay.aws.FileSecurityHub;
import dev.containerwatch.cli.replay.gcp.RecordingSecurityCenter;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.gcp.GcpSettings;
import dev.containerwatch.gcp.sinks.SccSink;
import dev.containerwatch.model.Cloud;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.RegistryKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The requests the handlers' own findings store sinks would send for findings evaluated elsewhere
 * (by {@code scan}, or by a replayed handler of another source): the AWS module's {@link
 * SecurityHubSink} ({@code asff}), the Azure module's {@link DefenderAssessmentSink} ({@code
 * defender}) and the GCP module's {@link SccSink} ({@code scc}) are run against stores that keep
 * what they receive and hold nothing before.
 */
public final class NativePayloads {
  private NativePayloads() {}

  /**
   * The {@code BatchImportFindings} requests: {@code {"operation", "region", "body": {"Findings":
   * [ASFF...]}}}, for the findings of AWS resources (EKS clusters, ECR repositories and images,
   * objects of EKS clusters): the only ones the AWS function writes, in its resources' regions. The
   * others are left out. A deleted resource's findings are archived only if Security Hub holds
   * them: here it holds none, so deletions send nothing.
   *
   * @param account the account that imports the findings (the function's own); null: each
   *     resource's own account
   */
  public static ArrayNode asff(
      List<Recorder.Write> writes, List<Recorder.Deletion> deletions, String account) {
    FileSecurityHub hub = new FileSecurityHub(null);
    String version = Catalog.bundled().version();
    for (Recorder.Write w : writes) {
      Map<AwsScope, List<Finding>> byScope = new LinkedHashMap<>();
      for (Finding f : w.findings()) {
        awsScope(f).ifPresent(s -> byScope.computeIfAbsent(s, k -> new ArrayList<>()).add(f));
      }
      for (Map.Entry<AwsScope, List<Finding>> e : byScope.entrySet()) {
        String importer = account != null ? account : e.getKey().account();
        new SecurityHubSink(
                hub,
                () -> importer,
                version,
                e.getKey().region(),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                d -> {})
            .write(e.getValue(), w.snapshot());
      }
    }
    return hub.imports();
  }

  /** The account and region of an AWS resource; empty for any other. */
  private static Optional<AwsScope> awsScope(Finding f) {
    try {
      return AwsResources.scopeOf(f.resource());
    } catch (InvalidInputException e) {
      return Optional.empty(); // an account that is not an AWS account: another cloud's resource
    }
  }

  /**
   * The Defender for Cloud requests: assessment metadata and assessment PUTs, DELETEs of deleted
   * resources' assessments ({@code {"method", "path", "apiVersion", "body"}}). Findings of
   * resources that have no Azure resource to hold an assessment are left out, as the sink leaves
   * them out.
   *
   * @param registries the registries known by login server (for image findings)
   * @param rulesOfType the enabled rules of a type
   */
  public static ArrayNode defender(
      List<Recorder.Write> writes,
      List<Recorder.Deletion> deletions,
      RegistryDirectory registries,
      Function<ResourceType, List<String>> rulesOfType) {
    RecordingArmClient arm = new RecordingArmClient();
    DefenderAssessmentSink sink =
        new DefenderAssessmentSink(
            arm, Catalog.bundled(), new AssessmentScopes(registries, null), rulesOfType);
    for (Recorder.Write w : writes) {
      if (!w.findings().isEmpty()) {
        sink.write(w.findings());
      }
    }
    for (Recorder.Deletion d : deletions) {
      sink.resourceDeleted(d.resource(), d.ruleIds(), d.time());
    }
    return arm.writes();
  }

  /**
   * The Security Command Center requests ({@code UpdateFinding}, {@code SetFindingState}: {@code
   * {"operation", "body"}}) of the GCP function's sink, for the findings of what the GCP function
   * evaluates: GKE clusters, objects of GKE clusters, and images of Google's registries and Docker
   * Hub. The others are left out. UNKNOWN findings are not written, as the sink leaves them.
   *
   * @param source the SCC source findings are written under ({@code organizations/O/sources/S})
   * @throws InvalidInputException when there is something to write and no source
   */
  public static ArrayNode scc(
      List<Recorder.Write> writes,
      List<Recorder.Deletion> deletions,
      String source,
      Configuration configuration) {
    RecordingSecurityCenter scc = new RecordingSecurityCenter();
    SccSink sink = null;
    for (Recorder.Write w : writes) {
      List<Finding> theirs = new ArrayList<>();
      for (Finding f : w.findings()) {
        if (f.status() != Status.UNKNOWN && isGcpSide(f.resource(), f.recommendation().cloud())) {
          theirs.add(f);
        }
      }
      if (theirs.isEmpty()) {
        continue;
      }
      sink = sink != null ? sink : sccSink(scc, source, configuration);
      (w.snapshot() == null ? sink : sink.forSnapshot(w.snapshot())).write(theirs);
    }
    for (Recorder.Deletion d : deletions) {
      if (isGcpSide(d.resource(), null)) {
        sink = sink != null ? sink : sccSink(scc, source, configuration);
        sink.resourceDeleted(d.resource(), d.ruleIds(), d.time());
      }
    }
    return scc.requests();
  }

  private static SccSink sccSink(
      RecordingSecurityCenter scc, String source, Configuration configuration) {
    if (source == null) {
      throw new InvalidInputException(
          "scc: the Security Command Center source the findings are written under is unknown:"
              + " give --scc-source organizations/ORG/sources/SOURCE (or set "
              + GcpSettings.SCC_SOURCE
              + ")");
    }
    if (!SccSink.SOURCE.matcher(source).matches()) {
      throw new InvalidInputException(
          "scc: '" + source + "' is not organizations/ORG/sources/SOURCE");
    }
    return new SccSink(
        scc::client,
        source,
        configuration,
        new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
        d -> {},
        Clock.systemUTC(),
        1);
  }

  /**
   * GKE clusters, objects of GKE clusters, images of Google's registries and of Docker Hub (an
   * image by its recommendation's cloud, or, for a deletion, by its registry).
   */
  private static boolean isGcpSide(ResourceRef resource, Cloud recommendationCloud) {
    switch (resource.type()) {
      case GKE_CLUSTER:
        return true;
      case KUBERNETES_OBJECT:
        return resource.id().startsWith("//container.googleapis.com/");
      case IMAGE_SCAN:
        if (recommendationCloud != null) {
          return recommendationCloud == Cloud.GCP || recommendationCloud == Cloud.EXTERNAL;
        }
        try {
          RegistryKind kind = ImageRef.parse(resource.id()).kind();
          return kind == RegistryKind.ARTIFACT_REGISTRY || kind == RegistryKind.DOCKER_HUB;
        } catch (InvalidInputException e) {
          return false;
        }
      default:
        return false;
    }
  }
}
