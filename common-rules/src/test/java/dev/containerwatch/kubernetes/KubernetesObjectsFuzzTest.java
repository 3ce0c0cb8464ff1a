package dev.containerwatch.kubernetes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.testing.Fuzzing;
import java.util.EnumSet;
import org.junit.jupiter.api.Timeout;

/**
 * Kubernetes object extraction reads whatever JSON it is given: every accessor the rules use
 * answers without throwing, whatever the shape of the object.
 */
class KubernetesObjectsFuzzTest {
  @Timeout(10)
  @FuzzTest
  void extract(byte[] data) {
    JsonNode document = Fuzzing.json(data);
    if (document == null) {
      return;
    }
    Fuzzing.parser(
        () -> {
          for (JsonNode object : KubernetesSnapshots.objects(document)) {
            KubernetesObject o = KubernetesObject.of(object);
            KubernetesSnapshots.reference("arn:aws:eks:eu-west-1:123456789012:cluster/fuzz", o);
            KubernetesSnapshots.controllerOf(o);
            o.label();
            o.labels().entries();
            o.annotations().entries();
            o.owners();
            o.runsPods();
            o.podTemplate()
                .ifPresent(
                    pod -> {
                      pod.containers(EnumSet.allOf(ContainerList.class))
                          .forEach(
                              c -> {
                                c.label();
                                c.securityContext().entries();
                              });
                      pod.securityContext().entries();
                      pod.isWindowsSelected();
                      pod.annotation("container.apparmor.security.beta.kubernetes.io/app");
                    });
            LabelSelector.problemWith(object.path("spec").path("selector"));
            LabelSelector.matches(
                object.path("spec").path("selector"), object.path("metadata").path("labels"));
          }
        });
  }
}
