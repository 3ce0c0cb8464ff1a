package dev.containerwatch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.kubernetes.audit.AuditEvents.ChangedObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventsTest {
  private static final Path DIR = Path.of("src/test/resources/kubernetes/audit");

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static AuditEvents.Extraction extract(String file) throws IOException {
    return AuditEvents.extract(AuditEvents.parse(Files.readString(DIR.resolve(file))));
  }

  @Test
  void createsAndPatchesGiveTheStoredObjectAndEverythingElseIsSkippedWithAReason()
      throws IOException {
    AuditEvents.Extraction x = extract("mixed.jsonl");
    assertThat(x.objects())
        .extracting(o -> KubernetesObject.of(o.object()).label(), ChangedObject::verb)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Pod shop/debug-shell", "create"),
            org.assertj.core.groups.Tuple.tuple("Deployment shop/web", "patch"),
            org.assertj.core.groups.Tuple.tuple("ConfigMap default/web-settings", "create"));
    // The patch's own request is only the patch; the full object is the response.
    assertThat(x.objects().get(1).object().path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(x.objects().get(0).time()).isEqualTo(Instant.parse("2026-11-29T09:14:02.481922Z"));
    assertThat(x.skipped())
        .containsExactly(
            "a1f3c2e4-0003-4b6d-9a8e-7f6c5d4b3a21: verb 'get' does not change an object",
            "a1f3c2e4-0004-4b6d-9a8e-7f6c5d4b3a21: the request failed (responseStatus.code 403)",
            "a1f3c2e4-0005-4b6d-9a8e-7f6c5d4b3a21: subresource 'status' is not the object itself",
            "a1f3c2e4-0006-4b6d-9a8e-7f6c5d4b3a21: stage ResponseStarted (only ResponseComplete is read)",
            "a1f3c2e4-0007-4b6d-9a8e-7f6c5d4b3a21: Pod shop/web-7d9f8c6b5-qx2lp was made by ReplicaSet web-7d9f8c6b5 and is evaluated through it",
            "a1f3c2e4-0008-4b6d-9a8e-7f6c5d4b3a21: no object in the event (the audit policy must log this resource at level RequestResponse)",
            "a1f3c2e4-0009-4b6d-9a8e-7f6c5d4b3a21: no object in the event (the audit policy must log this resource at level RequestResponse)",
            "a1f3c2e4-0011-4b6d-9a8e-7f6c5d4b3a21: verb 'delete' does not change an object");
  }

  @Test
  void anEventListIsReadLikeLines() throws IOException {
    assertThat(extract("event-list.json").objects()).hasSize(2);
  }

  @Test
  void aLineThatIsNotJsonIsNamed() {
    assertThatThrownBy(() -> extract("broken.jsonl"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("audit events: line 2 is not valid JSON");
  }

  @Test
  void nothingIsNothing() {
    assertThat(AuditEvents.parse("  \n")).isEmpty();
  }

  @Test
  void aDeletedObjectIsNamedByItsObjectRefWithTheIdentityOfTheObjectItself() {
    String cluster = "arn:aws:eks:eu-west-1:123456789012:cluster/prod";
    assertThat(AuditEvents.kindOf("deployments")).isEqualTo("Deployment");
    assertThat(AuditEvents.kindOf("roles")).isNull();
    assertThat(
            AuditEvents.reference(
                    cluster,
                    json(
                        "{\"resource\":\"ingresses\",\"apiGroup\":\"extensions\","
                            + "\"apiVersion\":\"v1beta1\",\"namespace\":\"shop\",\"name\":\"front\"}"))
                .id())
        .isEqualTo(cluster + "/k8s/shop/Ingress.networking.k8s.io/front");
    var pod = AuditEvents.reference(cluster, json("{\"resource\":\"pods\",\"name\":\"p\"}"));
    assertThat(pod.id()).isEqualTo(cluster + "/k8s/default/Pod/p");
    assertThat(pod.name()).isEqualTo("Pod default/p");
    assertThatThrownBy(
            () -> AuditEvents.reference(cluster, json("{\"resource\":\"roles\",\"name\":\"r\"}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
