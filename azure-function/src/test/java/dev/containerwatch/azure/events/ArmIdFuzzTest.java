package dev.containerwatch.azure.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * ARM ids, as events and records carry them: any text parses to a top-level resource or to nothing,
 * never to an exception, and what it parses to is itself a top-level id that parses to the same
 * resource.
 */
class ArmIdFuzzTest {
  @Timeout(10)
  @FuzzTest
  void parse(byte[] data) {
    Optional<ArmId> parsed = ArmId.parse(new String(data, StandardCharsets.UTF_8));
    if (parsed.isEmpty()) {
      return;
    }
    ArmId id = parsed.get();
    if (!id.topLevelId().regionMatches(true, 0, "/subscriptions/", 0, 15)
        || id.subscription().isEmpty()
        || id.name().isEmpty()) {
      throw new AssertionError("parsed to an incomplete id: " + id);
    }
    ArmId again =
        ArmId.parse(id.topLevelId())
            .orElseThrow(() -> new AssertionError("top-level id does not parse: " + id));
    if (again.child()
        || !again.type().equals(id.type())
        || !again.name().equals(id.name())
        || !again.topLevelId().equals(id.topLevelId())) {
      throw new AssertionError(id + " reparsed as " + again);
    }
    id.resourceType().ifPresent(t -> id.reference(t));
    id.subscriptionScope();
  }
}
