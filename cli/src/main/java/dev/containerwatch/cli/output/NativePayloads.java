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
import java.util.List;
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
   * [ASFF...]}}}. A deleted resource's findings are archived only if Security Hub holds them: here
   * it holds none, so deletions send nothing.
   *
   * @param account the account that imports the findings (the function's own); null: the resource's
   *     own account, for AWS resources
   * @param region where findings of resources without an AWS region go; may be null when there are
   *     none
   * @throws InvalidInputException when the account or region needed is unknown
   */
  public static ArrayNode asff(
      List<Recorder.Write> writes,
      List<Recorder.Deletion> deletions,
      String account,
      String region) {
    FileSecurityHub hub = new FileSecurityHub(null);
    String version = Catalog.bundled().version();
    for (Recorder.Write w : writes) {
      if (w.findings().isEmpty()) {
        continue;
      }
      String importer = account;
      for (Finding f : w.findings()) {
        Optional<AwsScope> scope = AwsResources.scopeOf(f.resource());
        if (importer == null && scope.isPresent()) {
          importer = scope.get().account();
        }
        if (region == null && scope.isEmpty()) {
          throw new InvalidInputException(
              "asff: findings of "
                  + f.resource().cloud().key()
                  + " resources are written in the importing account's region: give --aws-region"
                  + " (or set AWS_REGION)");
        }
      }
      if (importer == null) {
        throw new InvalidInputException(
            "asff: the account that imports the findings is unknown: give --aws-account (or set"
                + " CONTAINERWATCH_ACCOUNT_ID)");
      }
      String own = importer;
      new SecurityHubSink(
              hub,
              () -> own,
              version,
              region,
              new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
              d -> {})
          .write(w.findings(), w.snapshot());
    }
    return hub.imports();
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
