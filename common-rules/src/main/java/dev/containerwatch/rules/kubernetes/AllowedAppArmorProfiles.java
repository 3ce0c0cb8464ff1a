package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Doc;
import java.util.List;

/**
 * "Containers should only use allowed AppArmor profiles" (Azure Policy definition
 * 511f5417-5d12-434d-ab2e-816901e72a5e, version 6.*.*, template {@code k8sazurev3enforceapparmor}).
 *
 * <p>For each container, initContainer and ephemeralContainer, the profile is the pod annotation
 * {@code container.apparmor.security.beta.kubernetes.io/<container name>}, or {@code
 * runtime/default} when the annotation is missing. The container fails unless the profile equals
 * one entry of {@code allowedProfiles} exactly (no wildcards). The annotation is read from the pod
 * (template) metadata only: one written on a Deployment's own metadata never reaches the pods, and
 * the reason points that out. The pod-wide annotation {@code apparmor.security.beta.kubernetes.io/
 * pod} is not read. Defender's pinned template ignores the {@code securityContext.appArmorProfile}
 * fields (Kubernetes 1.30+), so a manifest that sets only {@code type: Unconfined} there passes.
 * Pods selected for Windows nodes by {@code nodeSelector} are skipped.
 *
 * <p>Parameters: {@code allowedProfiles} (default {@code ["runtime/default"]}, the MCSB value; each
 * entry must be an annotation value: {@code runtime/default}, {@code unconfined} or {@code
 * localhost/<profile>}, so that a field type such as {@code RuntimeDefault}, which could never
 * match, is rejected when the configuration loads), {@code excludedContainers}, {@code
 * excludedImages}, and {@code podSecurityStandards} (default false = Defender). With {@code
 * podSecurityStandards: true} the fields are read as the gatekeeper-library {@code k8spspapparmor}
 * template reads them: the container's {@code securityContext.appArmorProfile}, then the container
 * annotation, then the pod's {@code securityContext.appArmorProfile}, then {@code runtime/default};
 * a field's type maps to {@code runtime/default} (RuntimeDefault), {@code unconfined} (Unconfined)
 * or {@code localhost/<localhostProfile>} (Localhost). Defender's (MCSB) namespace exclusions by
 * default.
 */
public final class AllowedAppArmorProfiles extends PodRule {
  static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
  static final String RUNTIME_DEFAULT = "runtime/default";

  public AllowedAppArmorProfiles() {
    super("k8s.apparmor-profiles", MCSB_EXCLUDED_NAMESPACES, ALL_CONTAINERS, true, true, true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.stringList(
                "allowedProfiles",
                List.of(RUNTIME_DEFAULT),
                "AppArmor profiles containers may use, compared exactly with the annotation value"
                    + " (runtime/default, unconfined, localhost/<profile>)")
            .checkedBy(AllowedAppArmorProfiles::problemWithProfiles),
        ParameterSpec.bool(
            "podSecurityStandards",
            false,
            "true: also read securityContext.appArmorProfile of containers and pod; false:"
                + " Defender's policy, which reads only the annotations"));
  }

  /** Why an {@code allowedProfiles} value can never match a profile, or null when it can. */
  static String problemWithProfiles(JsonNode value) {
    for (JsonNode entry : value) {
      String profile = entry.asText();
      if (profile.equals(RUNTIME_DEFAULT)
          || profile.equals("unconfined")
          || (profile.startsWith("localhost/") && profile.length() > "localhost/".length())) {
        continue;
      }
      return "'"
          + profile
          + "' is not an AppArmor annotation value: use runtime/default, unconfined or"
          + " localhost/<profile> (the field type RuntimeDefault is written runtime/default)";
    }
    return null;
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    List<String> allowed = p.strings("allowedProfiles");
    boolean pss = p.bool("podSecurityStandards");
    Verdict verdict =
        perContainer(
            containers,
            c -> {
              Profile profile = pss ? standardsProfile(c, pod) : annotationProfile(c, pod);
              return allowed.contains(profile.value())
                  ? null
                  : profile.source() + ", not in allowedProfiles " + allowed;
            },
            pss
                ? "every container's AppArmor profile is in allowedProfiles " + allowed
                : "every container's AppArmor annotation (missing: runtime/default) is in"
                    + " allowedProfiles "
                    + allowed);
    String note = note(object, pod, containers, pss);
    return note.isEmpty()
        ? verdict
        : new Verdict(verdict.subject(), verdict.status(), verdict.reason() + note);
  }

  /** A container's profile and how the reason describes where it came from. */
  private record Profile(String value, String source) {}

  /** Defender's lookup: the container's annotation, or runtime/default. */
  private static Profile annotationProfile(Container c, PodTemplate pod) {
    String key = ANNOTATION_PREFIX + c.name();
    String value = pod.annotation(key);
    if (value != null) {
      return new Profile(value, "annotation " + key + " is " + value);
    }
    return new Profile(
        RUNTIME_DEFAULT, "no annotation " + key + ", so the profile is " + RUNTIME_DEFAULT);
  }

  /**
   * The Pod Security Standards lookup: container field, container annotation, pod field, default.
   */
  private static Profile standardsProfile(Container c, PodTemplate pod) {
    Doc field = c.securityContext().get("appArmorProfile");
    if (field.isPresent()) {
      String value = fieldProfile(field);
      return new Profile(
          value,
          "securityContext.appArmorProfile.type is " + typeOf(field) + " (profile " + value + ")");
    }
    if (pod.annotation(ANNOTATION_PREFIX + c.name()) != null) {
      return annotationProfile(c, pod);
    }
    Doc podField = pod.securityContext().get("appArmorProfile");
    if (podField.isPresent()) {
      String value = fieldProfile(podField);
      return new Profile(
          value,
          pod.specPath()
              + ".securityContext.appArmorProfile.type is "
              + typeOf(podField)
              + " (profile "
              + value
              + ", inherited: the container sets neither field nor annotation)");
    }
    return new Profile(
        RUNTIME_DEFAULT,
        "no appArmorProfile field or annotation, so the profile is " + RUNTIME_DEFAULT);
  }

  /** The field's type as reasons show it: the text, or the JSON when it is not text. */
  private static String typeOf(Doc field) {
    return field.get("type").text().orElse(field.get("type").describe());
  }

  /** The annotation value that a {@code securityContext.appArmorProfile} stands for. */
  private static String fieldProfile(Doc field) {
    String type = field.get("type").text().orElse("");
    switch (type) {
      case "RuntimeDefault":
        return RUNTIME_DEFAULT;
      case "Unconfined":
        return "unconfined";
      case "Localhost":
        return "localhost/" + field.get("localhostProfile").text().orElse("");
      default:
        // Not a type Kubernetes accepts; kept as written so that it matches nothing allowed.
        return type;
    }
  }

  /**
   * What the reason adds about settings the lookup did not read: an annotation on a controller's
   * own metadata, or (with Defender's semantics) appArmorProfile fields.
   */
  private static String note(
      KubernetesObject object, PodTemplate pod, List<Container> containers, boolean pss) {
    StringBuilder note = new StringBuilder();
    if (!object.kind().equals("Pod")) {
      for (Container c : containers) {
        if (object.annotations().node().has(ANNOTATION_PREFIX + c.name())) {
          note.append(
              " (the AppArmor annotations on the "
                  + object.kind()
                  + "'s own metadata do not reach its pods: put them on "
                  + pod.specPath().replaceFirst("\\.spec$", ".metadata")
                  + ".annotations)");
          break;
        }
      }
    }
    if (!pss) {
      boolean fieldSet = pod.securityContext().get("appArmorProfile").isPresent();
      for (Container c : containers) {
        fieldSet |= c.securityContext().get("appArmorProfile").isPresent();
      }
      if (fieldSet) {
        note.append(
            " (securityContext.appArmorProfile is not read by Defender's policy; set"
                + " podSecurityStandards to read it)");
      }
    }
    return note.toString();
  }
}
