package dev.containerwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsPipelineTest {
  private static final Instant T = Instant.parse("2026-11-29T12:00:00Z");
  private static final List<Rule> RULES =
      List.of(rule("aks.rbac"), rule("aks.defender-profile"), rule("aks.azure-policy-addon"));
  private static final RuleEngine ENGINE =
      new RuleEngine(
          RULES,
          new ConfigurationLoader(Catalog.bundled(), RULES)
              .parse("rules:\n  aks.azure-policy-addon:\n    enabled: false\n", "test"));

  private static Rule rule(String id) {
    return new Rule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public ResourceType resourceType() {
        return ResourceType.AKS_CLUSTER;
      }

      @Override
      public List<Verdict> evaluate(Snapshot snapshot, RuleParameters parameters) {
        return List.of(Verdict.failed("off"));
      }
    };
  }

  private static Snapshot aks(String name) {
    return Snapshot.of(
        new ResourceRef(
            ResourceType.AKS_CLUSTER,
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/"
                + name,
            "s",
            "westeurope",
            name),
        JsonNodeFactory.instance.objectNode(),
        T);
  }

  /** Records each call; fails every call when {@code failing}. */
  private static class Recording implements FindingSink {
    final String name;
    final boolean failing;
    final List<String> calls = new ArrayList<>();

    Recording(String name, boolean failing) {
      this.name = name;
      this.failing = failing;
    }

    @Override
    public void write(List<Finding> findings) {
      calls.add("write " + findings.size());
      fail();
    }

    @Override
    public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
      calls.add("deleted " + resource.name() + " " + ruleIds);
      fail();
    }

    private void fail() {
      if (failing) {
        throw new SinkException("down");
      }
    }

    @Override
    public String name() {
      return name;
    }
  }

  /** Bound to each snapshot: records which snapshot each write was for. */
  private static final class Binding extends Recording {
    Binding() {
      super("binding", false);
    }

    @Override
    public FindingSink forSnapshot(Snapshot snapshot) {
      return FindingSink.bound(
          this,
          findings -> calls.add("write " + findings.size() + " of " + snapshot.resource().name()));
    }
  }

  @Test
  void aBatchIsWrittenInOneCallPerSinkAndOnceASnapshotToASinkBoundToSnapshots() {
    Recording plain = new Recording("plain", false);
    Binding binding = new Binding();
    FindingsPipeline pipeline =
        new FindingsPipeline(ENGINE, Catalog.bundled(), List.of(plain, binding));

    List<Finding> findings = pipeline.processAll(List.of(aks("a"), aks("b")));

    assertThat(findings).hasSize(4);
    assertThat(findings).extracting(f -> f.resource().name()).containsExactly("a", "a", "b", "b");
    assertThat(plain.calls).containsExactly("write 4");
    assertThat(binding.calls).containsExactly("write 2 of a", "write 2 of b");
    assertThat(pipeline.sinks()).containsExactly(plain, binding);
    assertThat(pipeline.engine()).isSameAs(ENGINE);
  }

  @Test
  void nothingIsWrittenWithoutFindings() {
    Recording plain = new Recording("plain", false);
    FindingsPipeline pipeline = new FindingsPipeline(ENGINE, Catalog.bundled(), List.of(plain));

    assertThat(pipeline.processAll(List.of())).isEmpty();
    assertThat(plain.calls).isEmpty();
  }

  @Test
  void everySinkIsTriedAndTheFailedOnesAreNamed() {
    Recording down = new Recording("down", true);
    Recording up = new Recording("up", false);
    FindingsPipeline pipeline = new FindingsPipeline(ENGINE, Catalog.bundled(), List.of(down, up));

    assertThatThrownBy(() -> pipeline.process(aks("a")))
        .isInstanceOf(SinkException.class)
        .hasMessage("writing findings failed in down: down");
    assertThat(up.calls).containsExactly("write 2");
  }

  @Test
  void aDeletionResolvesTheFindingsOfEveryEnabledRuleOfTheType() {
    Binding binding = new Binding();
    new FindingsPipeline(ENGINE, Catalog.bundled(), List.of(binding))
        .deleted(aks("a").resource(), T);

    assertThat(binding.calls).containsExactly("deleted a [aks.rbac, aks.defender-profile]");
  }
}
