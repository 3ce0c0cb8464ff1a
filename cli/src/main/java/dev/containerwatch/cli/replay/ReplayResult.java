package dev.containerwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.containerwatch.findings.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What replaying one sample gave.
 *
 * @param handler the handler class (or common entry point) the sample was fed to
 * @param outcome what the handler made of it
 * @param reason why it was rejected, ignored or failed; null when processed
 * @param writes the findings written, in order
 * @param deletions the resources whose findings were resolved
 * @param response the handler's answer, when it gives one (a Lambda handler's JSON, an HTTP
 *     function's body), or null
 * @param notes what the handler logged or answered besides (skipped records, partial rejections)
 * @param nativeRequests the requests the handler's own findings store sink made, by output format
 *     ({@code asff}: Security Hub, {@code defender}: Defender for Cloud), when that sink ran in the
 *     handler against the local files
 */
public record ReplayResult(
    Sample sample,
    String handler,
    Outcome outcome,
    String reason,
    List<Recorder.Write> writes,
    List<Recorder.Deletion> deletions,
    JsonNode response,
    List<String> notes,
    Map<String, ArrayNode> nativeRequests) {

  /** What the handler made of a sample. */
  public enum Outcome {
    /** Evaluated (possibly with no finding). */
    PROCESSED,
    /** Malformed or unsupported: logged with the reason and acknowledged. */
    REJECTED,
    /** Nothing to do (a failed call, another resource type): logged and acknowledged. */
    IGNORED,
    /** The handler failed (a load or a write): the platform would retry the event. */
    ERROR
  }

  public ReplayResult {
    writes = List.copyOf(writes);
    deletions = List.copyOf(deletions);
    notes = List.copyOf(notes);
    nativeRequests = Map.copyOf(nativeRequests);
  }

  /** Every finding written, in order. */
  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    writes.forEach(w -> out.addAll(w.findings()));
    return out;
  }

  public boolean acknowledgedWithoutWork() {
    return outcome == Outcome.REJECTED || outcome == Outcome.IGNORED;
  }

  /** A result of a sample that could not be replayed at all. */
  public static ReplayResult error(Sample sample, String handler, String reason) {
    return new ReplayResult(
        sample, handler, Outcome.ERROR, reason, List.of(), List.of(), null, List.of(), Map.of());
  }
}
