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
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.RetryPolicy;
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
 * SecurityHubSink} ({@code asff}) and the Azure module's {@link DefenderAssessmentSink} ({@code
 * defender}) are run against stores that keep what they receive and hold nothing before.
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
}
