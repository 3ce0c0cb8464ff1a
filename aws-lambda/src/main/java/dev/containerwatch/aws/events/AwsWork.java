package dev.containerwatch.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.pipeline.Change;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.util.List;

/**
 * What one event asks the function to do, in the AWS module's terms: a {@link Change} of the common
 * pipeline with the AWS particulars the loaders need (scope, names, what the event already
 * carries). The event parsers make these; {@code AwsFunction} carries them out.
 */
public sealed interface AwsWork {

  /** The change, for logs and the observation time. */
  Change change();

  /**
   * An EKS cluster was created, changed or deleted ({@link Change.Kind#UPSERT} / {@link
   * Change.Kind#DELETE}).
   *
   * @param document the canonical document when the event carries it (a Config item), else null to
   *     load it
   */
  record Cluster(Change change, AwsScope scope, String name, JsonNode document)
      implements AwsWork {}

  /** An ECR repository was created, changed or deleted. */
  record Repository(Change change, AwsScope scope, String name, JsonNode document)
      implements AwsWork {}

  /**
   * The account's registry settings changed (registry scanning configuration): every repository is
   * read again.
   */
  record Registry(Change change, AwsScope scope) implements AwsWork {}

  /**
   * An ECR image was pushed ({@link Change.Kind#IMAGE_PUSH}), scanned ({@link
   * Change.Kind#SCAN_COMPLETE}) or deleted ({@link Change.Kind#DELETE}).
   *
   * @param carried what the event says of the scan (counts, one Inspector finding); the full result
   *     is loaded, these are the fallback when there is none to load
   */
  record Image(Change change, AwsScope scope, ImageRef image, List<VulnerabilityReport> carried)
      implements AwsWork {}

  /** Kubernetes objects changed or deleted, from an EKS cluster's audit log. */
  record KubernetesObjects(
      Change change, String clusterArn, List<KubernetesChange> objects, List<String> skipped)
      implements AwsWork {}

  /**
   * One object of a {@link KubernetesObjects}: the object after the change, or the id of a deleted
   * object ({@code object} null).
   */
  record KubernetesChange(
      JsonNode object, String deletedId, java.time.Instant time, String auditId) {}

  /** A scheduled sweep of every cluster and repository of the account in the region. */
  record Sweep(Change change, AwsScope scope) implements AwsWork {}

  /** An event that is understood and needs nothing done (the reason is logged). */
  record Ignore(Change change, String reason) implements AwsWork {}
}
