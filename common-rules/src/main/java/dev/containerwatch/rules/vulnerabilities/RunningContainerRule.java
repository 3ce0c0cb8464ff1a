package dev.containerwatch.rules.vulnerabilities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Status;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.ContainerList;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.model.Cloud;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.Lists;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Base of the "containers running in a cloud should have vulnerability findings resolved" rules.
 *
 * <p>Evaluated on the root controller of each workload (a Deployment, not its ReplicaSets and Pods;
 * a CronJob, not its Jobs and Pods), so one vulnerable image gives one finding per workload, as
 * Defender reports it. Each container's image is joined with the scan reports (evidence {@code
 * imageReports}) by digest: the image reference's own digest, else the digest the workload's
 * running Pods report in {@code status.containerStatuses[].imageID} (evidence {@code pods}); by tag
 * only when no digest is known, and the reason says so.
 *
 * <p>FAILED when a container's image has counted vulnerabilities (naming the container, the image
 * and the worst CVEs); UNKNOWN when an image has no usable scan result; PASSED when every image was
 * scanned and nothing counts. The rule applies to workloads of clusters in its cloud only, by the
 * cluster's id.
 */
abstract class RunningContainerRule extends VulnerabilityRule {
  private static final Set<ContainerList> RUNNING = EnumSet.allOf(ContainerList.class);

  private final Cloud cloud;

  /**
   * @param scanners the scanners whose reports count; empty for every scanner
   */
  RunningContainerRule(String id, Cloud cloud, Set<Scanner> scanners) {
    super(id, ResourceType.KUBERNETES_OBJECT, scanners);
    this.cloud = cloud;
  }

  @Override
  public boolean appliesTo(Snapshot snapshot) {
    return KubernetesObject.of(snapshot).runsPods()
        && KubernetesSnapshots.cloudOf(snapshot.resource()).filter(c -> c == cloud).isPresent();
  }

  @Override
  public List<Verdict> evaluate(Snapshot snapshot, RuleParameters p) {
    Optional<List<JsonNode>> reportDocs = Lists.of(snapshot.evidence(Evidence.IMAGE_REPORTS));
    if (reportDocs.isEmpty()) {
      return List.of(
          Verdict.unknown(
              "the images' scan results were not looked up (evidence '"
                  + Evidence.IMAGE_REPORTS.key()
                  + "')"));
    }
    List<VulnerabilityReport> reports = new ArrayList<>();
    for (JsonNode doc : reportDocs.get()) {
      VulnerabilityReport r = VulnerabilityReport.fromJson(doc);
      if (counts(r.scanner())) {
        reports.add(r);
      }
    }
    KubernetesObject object = KubernetesObject.of(snapshot);
    Map<String, String> runningDigests = runningDigests(snapshot, object);
    List<String> failed = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    for (Container c : object.podTemplate().orElseThrow().containers(RUNNING)) {
      String what = c.label() + " (" + c.image() + ")";
      ImageRef image;
      try {
        image = ImageRef.parse(c.image());
      } catch (InvalidInputException e) {
        unknown.add(what + ": " + e.getMessage());
        continue;
      }
      String digest = image.digest() != null ? image.digest() : runningDigests.get(c.name());
      Optional<VulnerabilityReport> byDigest =
          digest == null
              ? Optional.empty()
              : reports.stream().filter(r -> digest.equals(r.image().digest())).findFirst();
      Optional<VulnerabilityReport> match = byDigest;
      String note = "";
      if (match.isEmpty() && digest == null) {
        String tag = image.tag() == null ? "latest" : image.tag();
        match =
            reports.stream()
                .filter(r -> r.image().name().equals(image.name()) && tag.equals(r.image().tag()))
                .findFirst();
        note = " (matched by tag: no digest is known for it)";
      }
      if (match.isEmpty()) {
        unknown.add(what + ": no scan result" + (digest == null ? "" : " for " + digest));
        continue;
      }
      Verdict v = verdict(match.get(), p);
      String line = what + note + ": " + v.reason();
      if (v.status() == Status.FAILED) {
        failed.add(line);
      } else if (v.status() == Status.PASSED) {
        passed.add(line);
      } else {
        unknown.add(line);
      }
    }
    if (!failed.isEmpty()) {
      return List.of(Verdict.failed(String.join("; ", failed)));
    }
    if (!unknown.isEmpty()) {
      return List.of(Verdict.unknown(String.join("; ", unknown)));
    }
    if (passed.isEmpty()) {
      return List.of(Verdict.passed("the workload runs no container"));
    }
    return List.of(Verdict.passed(String.join("; ", passed)));
  }

  /**
   * The digests running per container name, from the Pods' statuses ({@code imageID} is {@code
   * docker-pullable://repo@sha256:...}, {@code repo@sha256:...} or {@code sha256:...} depending on
   * the runtime).
   */
  private static Map<String, String> runningDigests(Snapshot snapshot, KubernetesObject object) {
    List<JsonNode> pods =
        new ArrayList<>(Lists.of(snapshot.evidence(Evidence.PODS)).orElse(List.of()));
    if (object.kind().equals("Pod")) {
      pods.add(snapshot.document());
    }
    Map<String, String> digests = new HashMap<>();
    for (JsonNode pod : pods) {
      for (String list :
          List.of("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")) {
        for (JsonNode status : pod.path("status").path(list)) {
          String imageId = status.path("imageID").asText("");
          int at = imageId.lastIndexOf("sha256:");
          if (at >= 0 && status.path("name").isTextual()) {
            digests.putIfAbsent(status.get("name").asText(), imageId.substring(at));
          }
        }
      }
    }
    return digests;
  }
}
