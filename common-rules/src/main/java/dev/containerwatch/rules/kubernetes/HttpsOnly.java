package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "Kubernetes clusters should be accessible only over HTTPS" (Azure Policy
 * 1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d, template {@code k8sazurev1ingresshttpsonly}; Defender pins
 * definition 8.x).
 *
 * <p>Ingresses of the {@code networking.k8s.io} and {@code extensions} groups are judged per
 * ingress controller:
 *
 * <ul>
 *   <li><b>Application Gateway (AGIC)</b>, recognised by the annotation {@code
 *       kubernetes.io/ingress.class: azure/application-gateway}: passes with a non-empty {@code
 *       spec.tls} or the annotation {@code appgw.ingress.kubernetes.io/appgw-ssl-certificate} (any
 *       value).
 *   <li><b>NGINX</b>, recognised by {@code spec.ingressClassName: nginx}, or by the annotation
 *       {@code kubernetes.io/ingress.class: nginx} when {@code spec.ingressClassName} is not set:
 *       passes when HTTP is redirected, i.e. {@code nginx.ingress.kubernetes.io/force-ssl-redirect}
 *       is {@code "true"}, or {@code nginx.ingress.kubernetes.io/ssl-redirect} is not {@code
 *       "false"} and every rule has a {@code host}; <em>and</em> TLS is configured: a non-empty
 *       {@code spec.tls}, the annotation {@code nginx.ingress.kubernetes.io/auth-tls-secret}, or
 *       {@code nginx.ingress.kubernetes.io/ssl-passthrough: "true"}.
 *   <li><b>Any other controller</b>, or an Ingress naming no class: passes, as in Defender, with a
 *       reason saying that the policy does not judge it.
 * </ul>
 *
 * <p>No parameters beyond the common ones; the definition keeps its own default {@code
 * excludedNamespaces}.
 *
 * <p>Choices (the template read is v1; the live definition's v2 text is not published): annotation
 * values are compared as strings; "every rule has a host" holds for an Ingress without rules (only
 * a default backend), as a universal condition over no rules does; an Ingress that is both NGINX
 * (by class name) and AGIC (by annotation) must satisfy both checks; {@code ingressClassName:
 * azure-application-gateway} without the annotation is not recognised as AGIC, nor is a cluster's
 * default IngressClass taken into account, because the template reads neither.
 */
public final class HttpsOnly extends DataPlaneRule {
  private static final Set<String> GROUPS = Set.of("extensions", "networking.k8s.io");

  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  private static final String AGIC_CLASS = "azure/application-gateway";
  private static final String AGIC_CERTIFICATE =
      "appgw.ingress.kubernetes.io/appgw-ssl-certificate";
  private static final String NGINX = "nginx.ingress.kubernetes.io/";

  public HttpsOnly() {
    super("k8s.https-only", DEFINITION_EXCLUDED_NAMESPACES);
  }

  @Override
  protected boolean concerns(KubernetesObject object) {
    return object.kind().equals("Ingress") && GROUPS.contains(object.group());
  }

  @Override
  protected Verdict check(KubernetesObject object, Snapshot snapshot, RuleParameters p) {
    Doc annotations = object.annotations();
    Optional<String> className =
        object.doc().get("spec.ingressClassName").text().filter(s -> !s.isEmpty());
    Optional<String> classAnnotation = annotation(annotations, CLASS_ANNOTATION);
    boolean agic = classAnnotation.filter(AGIC_CLASS::equals).isPresent();
    boolean nginx =
        className.isPresent()
            ? className.get().equals("nginx")
            : classAnnotation.filter("nginx"::equals).isPresent();
    if (!agic && !nginx) {
      if (className.isEmpty() && classAnnotation.isEmpty()) {
        // The cluster's default IngressClass may well be NGINX, but the template cannot know it.
        return Verdict.passed(
            "the Ingress names no ingress class (spec.ingressClassName or annotation "
                + CLASS_ANNOTATION
                + "), so its controller is unknown: Defender's policy does not judge it");
      }
      String named =
          className
              .map(c -> "ingress class '" + c + "' (spec.ingressClassName)")
              .orElseGet(
                  () -> "ingress class '" + classAnnotation.get() + "' (" + CLASS_ANNOTATION + ")");
      return Verdict.passed(
          named + " is neither NGINX nor Application Gateway: Defender's policy does not judge it");
    }
    boolean tls = !object.doc().get("spec.tls").items().isEmpty();
    List<String> faults = new ArrayList<>();
    List<String> good = new ArrayList<>();
    if (agic) {
      if (tls) {
        good.add("Application Gateway Ingress with TLS (spec.tls)");
      } else if (annotations.node().has(AGIC_CERTIFICATE)) {
        good.add("Application Gateway Ingress with TLS (annotation " + AGIC_CERTIFICATE + ")");
      } else {
        faults.add(
            "Application Gateway Ingress without TLS: spec.tls is empty and annotation "
                + AGIC_CERTIFICATE
                + " is not set");
      }
    }
    if (nginx) {
      checkNginx(object, annotations, tls, faults, good);
    }
    return faults.isEmpty()
        ? Verdict.passed(String.join("; ", good))
        : Verdict.failed(String.join("; ", faults));
  }

  private static void checkNginx(
      KubernetesObject object,
      Doc annotations,
      boolean tls,
      List<String> faults,
      List<String> good) {
    String tlsSource;
    if (tls) {
      tlsSource = "spec.tls";
    } else if (annotations.node().has(NGINX + "auth-tls-secret")) {
      tlsSource = "annotation " + NGINX + "auth-tls-secret";
    } else if (annotation(annotations, NGINX + "ssl-passthrough")
        .filter("true"::equals)
        .isPresent()) {
      tlsSource = "annotation " + NGINX + "ssl-passthrough \"true\"";
    } else {
      tlsSource = null;
      faults.add(
          "NGINX Ingress without TLS: spec.tls is empty, annotation "
              + NGINX
              + "auth-tls-secret is not set and "
              + NGINX
              + "ssl-passthrough is not \"true\"");
    }

    String redirect = null;
    if (annotation(annotations, NGINX + "force-ssl-redirect").filter("true"::equals).isPresent()) {
      redirect = NGINX + "force-ssl-redirect is \"true\"";
    } else {
      List<String> why = new ArrayList<>();
      if (annotation(annotations, NGINX + "ssl-redirect").filter("false"::equals).isPresent()) {
        why.add(NGINX + "ssl-redirect is \"false\"");
      }
      List<Doc> rules = object.doc().get("spec.rules").items();
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).get("host").text().filter(h -> !h.isEmpty()).isEmpty()) {
          why.add("spec.rules[" + i + "] has no host");
        }
      }
      if (why.isEmpty()) {
        redirect =
            (rules.isEmpty() ? "no rules, only a default backend," : "every rule has a host")
                + " and "
                + NGINX
                + "ssl-redirect is not \"false\"";
      } else {
        faults.add(
            "NGINX Ingress that does not force HTTPS: "
                + NGINX
                + "force-ssl-redirect is not \"true\" and "
                + String.join(" and ", why));
      }
    }
    if (tlsSource != null && redirect != null) {
      good.add("NGINX Ingress with TLS (" + tlsSource + ") and HTTP redirected (" + redirect + ")");
    }
  }

  /** An annotation's value as a string (a YAML boolean {@code true} reads as "true"). */
  private static Optional<String> annotation(Doc annotations, String name) {
    // Not Doc.get: annotation names contain dots.
    JsonNode value = annotations.node().get(name);
    return value != null && value.isValueNode() && !value.isNull()
        ? Optional.of(value.asText())
        : Optional.empty();
  }
}
