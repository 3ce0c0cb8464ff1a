package dev.containerwatch.azure.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.azure.handlers.InvocationLog;
import dev.containerwatch.azure.loaders.ApiVersions;
import dev.containerwatch.azure.loaders.ArmClient;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.SinkException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes findings as custom Microsoft Defender for Cloud assessments (API {@value
 * ApiVersions#ASSESSMENTS}).
 *
 * <ol>
 *   <li><b>Metadata</b>, once per rule and subscription (remembered for the life of the container):
 *       {@code PUT /subscriptions/{s}/providers/Microsoft.Security/assessmentMetadata/{key}} with
 *       {@link AssessmentMetadataBodies}; the key is {@link AssessmentNames#of}.
 *   <li><b>Assessments</b>: {@code PUT {scope}/providers/Microsoft.Security/assessments/{key}} with
 *       {@code resourceDetails.Source: Azure}, {@code status.code} {@code Unhealthy} (FAILED),
 *       {@code Healthy} (PASSED) or {@code NotApplicable}, {@code status.description} the reason,
 *       and {@code additionalData} with the reason, rule id, finding id, catalog version and
 *       observation time. UNKNOWN is not written (the previous status stands). The scope is the
 *       resource, its subscription for a Defender plan, or the cluster / registry holding an object
 *       or image ({@link AssessmentScopes}).
 *   <li><b>Objects and images</b> share their cluster's or registry's assessment of a rule: it is
 *       read, the object's entry ({@code object:<namespace>/<Kind>/<name>}, {@code
 *       image:<registry>/<repository>@<digest>} in {@code additionalData}) is replaced by the new
 *       result (kept only while failing), and it is written back: {@code Unhealthy} while any entry
 *       fails, else {@code Healthy}. Writes of the same cluster and rule from two instances at the
 *       same moment can lose one update until that object changes again; the Event Hub trigger
 *       reads a partition in order and batches its objects into one write per cluster and rule.
 *   <li><b>Deletion</b>: a deleted resource's assessments are deleted ({@code DELETE}, 204 when
 *       absent), with those of the objects or images it held; a deleted image's entries are removed
 *       from its registry's assessments.
 * </ol>
 *
 * Every group is attempted; if some writes failed, a {@link SinkException} names how many after the
 * others were written (ARM has no batch write, so a partial failure is possible and the retry of
 * the event rewrites all of them idempotently).
 */
public final class DefenderAssessmentSink implements FindingSink {
  static final int MAX_TEXT = 1000;

  /**
   * How long a shared assessment remembers when an item that no longer fails was last evaluated
   * ({@code at:<item>}), so that an older event for it arriving late cannot bring its failure back:
   * the longest Event Grid keeps retrying a delivery.
   */
  static final Duration ITEM_TIME_RETENTION = Duration.ofHours(24);

  private static final String ITEM_TIME_PREFIX = "at:";
  private static final String ASSESSMENTS_SEGMENT = "/providers/microsoft.security/assessments/";

  private final ArmClient arm;
  private final Catalog catalog;
  private final AssessmentScopes scopes;
  private final Function<ResourceType, List<String>> rulesOfType;
  private final Set<String> metadataWritten = ConcurrentHashMap.newKeySet();
  private final Map<String, String> ruleByName = new HashMap<>();

  /**
   * @param rulesOfType the enabled rules of a type (the engine's), for the assessments a deleted
   *     cluster or registry holds for its objects and images
   */
  public DefenderAssessmentSink(
      ArmClient arm,
      Catalog catalog,
      AssessmentScopes scopes,
      Function<ResourceType, List<String>> rulesOfType) {
    this.arm = arm;
    this.catalog = catalog;
    this.scopes = scopes;
    this.rulesOfType = rulesOfType;
    for (Recommendation r : catalog.all()) {
      ruleByName.put(AssessmentNames.of(r.id()), r.id());
    }
  }

  @Override
  public String name() {
    return "defender";
  }

  private record Key(String scope, String ruleId) {}

  /** The findings of one aggregated assessment, by item. */
  private static final class Items {
    final Map<String, List<Finding>> byItem = new LinkedHashMap<>();
    final Set<String> removed = new LinkedHashSet<>();
    Instant time;
    String noun;

    void seen(Instant t) {
      if (t != null && (time == null || t.isAfter(time))) {
        time = t;
      }
    }
  }

  @Override
  public void write(List<Finding> findings) {
    Map<Key, List<Finding>> direct = new LinkedHashMap<>();
    Map<Key, Items> aggregated = new LinkedHashMap<>();
    for (Finding f : findings) {
      AssessmentScopes.Result result = scopes.scopeOf(f.resource());
      if (result.scope().isEmpty()) {
        InvocationLog.current()
            .warn(
                "defender-skipped",
                "findingId",
                f.id().hex(),
                "ruleId",
                f.ruleId(),
                "reason",
                result.reason());
        continue;
      }
      AssessmentScopes.Scope scope = result.scope().get();
      Key key = new Key(scope.scope(), f.ruleId());
      if (scope.aggregated()) {
        Items items = aggregated.computeIfAbsent(key, k -> new Items());
        items.byItem.computeIfAbsent(scope.item(), k -> new ArrayList<>()).add(f);
        items.seen(f.observedAt());
        items.noun = noun(f.resource().type());
      } else {
        direct.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
      }
    }
    List<String> failures = new ArrayList<>();
    int attempted = 0;
    for (Map.Entry<Key, List<Finding>> e : direct.entrySet()) {
      attempted++;
      try {
        writeDirect(e.getKey(), e.getValue());
      } catch (SinkException ex) {
        failures.add(ex.getMessage());
      }
    }
    for (Map.Entry<Key, Items> e : aggregated.entrySet()) {
      attempted++;
      try {
        writeAggregated(e.getKey(), e.getValue());
      } catch (SinkException ex) {
        failures.add(ex.getMessage());
      }
    }
    fail(failures, attempted, "assessment writes");
  }

  private static void fail(List<String> failures, int attempted, String what) {
    if (!failures.isEmpty()) {
      throw new SinkException(
          failures.size() + " of " + attempted + " " + what + " failed; first: " + failures.get(0));
    }
  }

  private void writeDirect(Key key, List<Finding> group) {
    List<Finding> written = new ArrayList<>();
    for (Finding f : group) {
      if (f.status() == Status.UNKNOWN) {
        continue;
      }
      if (f.status() == Status.NOT_APPLICABLE
          && f.resource().type() == ResourceType.DEFENDER_PLAN) {
        // Only the Containers plan is judged; other plans share the subscription's assessment.
        continue;
      }
      written.add(f);
    }
    if (written.isEmpty()) {
      return;
    }
    Finding lead =
        first(written, Status.FAILED)
            .or(() -> first(written, Status.PASSED))
            .orElse(written.get(0));
    String code = code(lead.status());
    List<String> reasons = new ArrayList<>();
    for (Finding f : written) {
      if (f.status() == lead.status()) {
        reasons.add(f.subject() == null ? f.reason() : f.subject() + ": " + f.reason());
      }
    }
    String reason = trim(String.join("; ", reasons));
    ObjectNode body = body(code, reason, lead.status());
    ObjectNode data = (ObjectNode) body.path("properties").path("additionalData");
    data.put("reason", reason);
    data.put("ruleId", lead.ruleId());
    data.put("findingId", lead.id().hex());
    data.put("catalogVersion", catalog.version());
    data.put("observedAt", lead.observedAt().toString());
    if (!lead.resource().id().equalsIgnoreCase(key.scope())) {
      data.put("resourceId", lead.resource().id());
    }
    Optional<JsonNode> stored = current(key);
    if (stored.isPresent() && !newer(stored.get(), lead.observedAt(), body, key)) {
      return;
    }
    put(key, body);
  }

  /** The assessment as it is stored now; one GET (the ordering check below needs it). */
  private Optional<JsonNode> current(Key key) {
    return arm.get(
        AssessmentNames.assessmentPath(key.scope(), key.ruleId()), ApiVersions.ASSESSMENTS);
  }

  /**
   * Whether a write observed at {@code time} may replace the stored assessment: not when the stored
   * one was observed later (an older event delivered late), nor when it was observed at the same
   * time with the same content (the same event delivered again: nothing to write).
   */
  private static boolean newer(JsonNode stored, Instant time, ObjectNode body, Key key) {
    Instant storedAt = observedAt(stored);
    if (staleAgainst(storedAt, time, key)) {
      return false;
    }
    return !(storedAt != null && storedAt.equals(time) && sameContent(stored, body));
  }

  /**
   * Whether what is stored was observed after {@code time}: then this write or deletion comes from
   * an older event delivered late, and is skipped (and logged as such).
   */
  private static boolean staleAgainst(Instant storedAt, Instant time, Key key) {
    if (storedAt == null || time == null || !storedAt.isAfter(time)) {
      return false;
    }
    InvocationLog.current()
        .info(
            "stale-skipped",
            "scope",
            key.scope(),
            "ruleId",
            key.ruleId(),
            "observedAt",
            time.toString(),
            "storedObservedAt",
            storedAt.toString());
    return true;
  }

  /** {@code properties.additionalData.observedAt} of a stored assessment; null when unreadable. */
  static Instant observedAt(JsonNode assessment) {
    return instant(
        assessment.path("properties").path("additionalData").path("observedAt").asText(""));
  }

  private static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean sameContent(JsonNode stored, ObjectNode body) {
    JsonNode s = stored.path("properties");
    JsonNode b = body.path("properties");
    return s.path("status").path("code").equals(b.path("status").path("code"))
        && s.path("status").path("description").equals(b.path("status").path("description"))
        && s.path("additionalData").equals(b.path("additionalData"));
  }

  private void writeAggregated(Key key, Items items) {
    boolean touched =
        !items.removed.isEmpty()
            || items.byItem.values().stream()
                .anyMatch(fs -> fs.stream().anyMatch(f -> f.status() != Status.UNKNOWN));
    if (!touched) {
      return; // only UNKNOWN results: the assessment stands as it is
    }
    Optional<JsonNode> existing = current(key);
    TreeMap<String, String> entries = new TreeMap<>();
    // When each item was last evaluated: an older result for an item arriving late is dropped.
    TreeMap<String, Instant> itemTimes = new TreeMap<>();
    existing.ifPresent(
        a ->
            a.path("properties")
                .path("additionalData")
                .properties()
                .forEach(
                    e -> {
                      if (isItemKey(e.getKey())) {
                        entries.put(e.getKey(), e.getValue().asText(""));
                      } else if (e.getKey().startsWith(ITEM_TIME_PREFIX)) {
                        Instant t = instant(e.getValue().asText(""));
                        if (t != null) {
                          itemTimes.put(e.getKey().substring(ITEM_TIME_PREFIX.length()), t);
                        }
                      }
                    }));
    boolean evaluated = false;
    String lastItem = null;
    List<String> staleItems = new ArrayList<>();
    boolean changed = false;
    for (String item : items.removed) {
      if (olderThanStored(itemTimes, item, items.time)) {
        staleItems.add(item);
        continue;
      }
      removeItem(entries, item);
      stamp(itemTimes, item, items.time);
      changed = true;
    }
    for (Map.Entry<String, List<Finding>> e : items.byItem.entrySet()) {
      List<Finding> fs = e.getValue();
      if (fs.stream().allMatch(f -> f.status() == Status.UNKNOWN)) {
        continue; // UNKNOWN: the item's previous entry stands
      }
      Instant itemTime = latest(fs);
      if (olderThanStored(itemTimes, e.getKey(), itemTime)) {
        staleItems.add(e.getKey());
        continue;
      }
      stamp(itemTimes, e.getKey(), itemTime);
      changed = true;
      removeItem(entries, e.getKey());
      for (Finding f : fs) {
        if (f.status() == Status.FAILED) {
          entries.put(
              e.getKey() + (f.subject() == null ? "" : "#" + f.subject()), trim(f.reason()));
        }
      }
      if (fs.stream().anyMatch(f -> f.status() == Status.PASSED || f.status() == Status.FAILED)) {
        evaluated = true;
        lastItem = e.getKey();
      }
    }
    if (!changed) {
      logStale(key, staleItems);
      return; // every result was older than the stored one, or UNKNOWN: it stands as it is
    }
    String code;
    String reason;
    Status status;
    if (!entries.isEmpty()) {
      code = "Unhealthy";
      status = Status.FAILED;
      reason = trim(unhealthySummary(entries, items.noun));
    } else if (existing.isPresent() || evaluated) {
      code = "Healthy";
      status = Status.PASSED;
      reason =
          "no evaluated "
              + items.noun
              + " fails"
              + (lastItem == null
                  ? ""
                  : " (last evaluated: " + lastItem.substring(lastItem.indexOf(':') + 1) + ")");
    } else {
      // Only items the rule does not concern (NotApplicable), or removals from an assessment that
      // does not exist: nothing to say about the cluster or registry as a whole.
      return;
    }
    ObjectNode body = body(code, reason, status);
    ObjectNode data = (ObjectNode) body.path("properties").path("additionalData");
    data.put("reason", reason);
    data.put("ruleId", key.ruleId());
    data.put("catalogVersion", catalog.version());
    Instant observedAt = items.time;
    Instant storedAt = existing.map(DefenderAssessmentSink::observedAt).orElse(null);
    if (storedAt != null && (observedAt == null || storedAt.isAfter(observedAt))) {
      observedAt = storedAt; // the assessment as a whole is as recent as its newest item
    }
    data.put("observedAt", observedAt == null ? "" : observedAt.toString());
    data.put("failing", Integer.toString(entries.size()));
    entries.forEach(data::put);
    prune(itemTimes, entries);
    itemTimes.forEach((item, t) -> data.put(ITEM_TIME_PREFIX + item, t.toString()));
    logStale(key, staleItems);
    if (existing.isPresent() && sameContent(existing.get(), body)) {
      return; // the same results again: nothing to write
    }
    put(key, body);
  }

  private static void logStale(Key key, List<String> staleItems) {
    if (!staleItems.isEmpty()) {
      InvocationLog.current()
          .info("stale-skipped", "scope", key.scope(), "ruleId", key.ruleId(), "items", staleItems);
    }
  }

  private static boolean olderThanStored(Map<String, Instant> itemTimes, String item, Instant t) {
    Instant stored = itemTimes.get(item);
    return stored != null && t != null && stored.isAfter(t);
  }

  private static void stamp(Map<String, Instant> itemTimes, String item, Instant t) {
    if (t != null) {
      itemTimes.put(item, t);
    }
  }

  private static Instant latest(List<Finding> findings) {
    Instant latest = null;
    for (Finding f : findings) {
      if (f.observedAt() != null && (latest == null || f.observedAt().isAfter(latest))) {
        latest = f.observedAt();
      }
    }
    return latest;
  }

  /**
   * Forgets the times of items that no longer fail once they are {@link #ITEM_TIME_RETENTION} older
   * than the newest item: what keeps the assessment's size bounded.
   */
  private static void prune(Map<String, Instant> itemTimes, Map<String, String> entries) {
    Instant newest = itemTimes.values().stream().max(Instant::compareTo).orElse(null);
    if (newest == null) {
      return;
    }
    Instant horizon = newest.minus(ITEM_TIME_RETENTION);
    itemTimes
        .entrySet()
        .removeIf(
            e ->
                e.getValue().isBefore(horizon)
                    && entries.keySet().stream()
                        .noneMatch(k -> k.equals(e.getKey()) || k.startsWith(e.getKey() + "#")));
  }

  private static String unhealthySummary(Map<String, String> entries, String noun) {
    StringBuilder s = new StringBuilder();
    s.append(entries.size())
        .append(' ')
        .append(noun)
        .append(entries.size() == 1 ? " fails: " : "s fail: ");
    int shown = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (shown == 3) {
        s.append("; and ").append(entries.size() - 3).append(" more (see additionalData)");
        break;
      }
      if (shown > 0) {
        s.append("; ");
      }
      s.append(e.getKey().substring(e.getKey().indexOf(':') + 1)).append(": ").append(e.getValue());
      shown++;
    }
    return s.toString();
  }

  private static boolean isItemKey(String key) {
    return key.startsWith("object:") || key.startsWith("image:");
  }

  private static void removeItem(Map<String, String> entries, String item) {
    entries.keySet().removeIf(k -> k.equals(item) || k.startsWith(item + "#"));
  }

  private static String noun(ResourceType type) {
    return type == ResourceType.IMAGE_SCAN ? "image" : "Kubernetes object";
  }

  private void put(Key key, ObjectNode body) {
    String subscription = new AssessmentScopes.Scope(key.scope(), null).subscription();
    ensureMetadata(subscription, key.ruleId());
    arm.put(
        AssessmentNames.assessmentPath(key.scope(), key.ruleId()), ApiVersions.ASSESSMENTS, body);
  }

  private void ensureMetadata(String subscription, String ruleId) {
    String cacheKey = subscription.toLowerCase(Locale.ROOT) + "/" + ruleId;
    if (metadataWritten.contains(cacheKey)) {
      return;
    }
    Recommendation r = catalog.require(ruleId);
    arm.put(
        AssessmentNames.metadataPath(subscription, ruleId),
        ApiVersions.ASSESSMENTS,
        AssessmentMetadataBodies.of(r));
    metadataWritten.add(cacheKey);
  }

  private static ObjectNode body(String code, String reason, Status status) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode p = body.putObject("properties");
    p.putObject("resourceDetails").put("Source", "Azure");
    ObjectNode s = p.putObject("status");
    s.put("code", code);
    if (status == Status.NOT_APPLICABLE) {
      s.put("cause", "NotApplicableToResource");
    }
    s.put("description", reason);
    p.putObject("additionalData");
    return body;
  }

  private static String code(Status status) {
    switch (status) {
      case FAILED:
        return "Unhealthy";
      case PASSED:
        return "Healthy";
      default:
        return "NotApplicable";
    }
  }

  private static Optional<Finding> first(List<Finding> findings, Status status) {
    return findings.stream().filter(f -> f.status() == status).findFirst();
  }

  static String trim(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 3) + "..." : text;
  }

  @Override
  public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
    AssessmentScopes.Result result = scopes.scopeOf(resource);
    if (result.scope().isEmpty()) {
      InvocationLog.current()
          .warn("defender-skipped", "resourceId", resource.id(), "reason", result.reason());
      return;
    }
    AssessmentScopes.Scope scope = result.scope().get();
    List<String> failures = new ArrayList<>();
    int attempted = 0;
    if (scope.aggregated()) {
      for (String ruleId : ruleIds) {
        attempted++;
        Items items = new Items();
        items.removed.add(scope.item());
        items.seen(time);
        items.noun = noun(resource.type());
        try {
          writeAggregated(new Key(scope.scope(), ruleId), items);
        } catch (SinkException e) {
          failures.add(e.getMessage());
        }
      }
      fail(failures, attempted, "assessment updates");
      return;
    }
    Set<String> rules = new LinkedHashSet<>(ruleIds);
    rules.addAll(hostedRules(resource.type()));
    for (String ruleId : rules) {
      attempted++;
      try {
        Key key = new Key(scope.scope(), ruleId);
        Optional<JsonNode> stored = current(key);
        Instant storedAt = stored.map(DefenderAssessmentSink::observedAt).orElse(null);
        if (staleAgainst(storedAt, time, key)) {
          // Written from an event newer than this delete (the resource came back): it stands.
          continue;
        }
        arm.delete(AssessmentNames.assessmentPath(scope.scope(), ruleId), ApiVersions.ASSESSMENTS);
      } catch (SinkException e) {
        failures.add(e.getMessage());
      }
    }
    fail(failures, attempted, "assessment deletions");
  }

  /** The rules whose assessments a resource holds for what is inside it. */
  private List<String> hostedRules(ResourceType type) {
    ResourceType inside;
    Set<String> clouds;
    if (type == ResourceType.AKS_CLUSTER || type == ResourceType.ARC_CLUSTER) {
      inside = ResourceType.KUBERNETES_OBJECT;
      clouds = Set.of("kubernetes", "azure");
    } else if (type == ResourceType.ACR_REGISTRY) {
      inside = ResourceType.IMAGE_SCAN;
      clouds = Set.of("azure");
    } else {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String ruleId : rulesOfType.apply(inside)) {
      if (catalog.find(ruleId).map(r -> clouds.contains(r.cloud().key())).orElse(false)) {
        out.add(ruleId);
      }
    }
    return out;
  }

  /**
   * Deletes containerwatch's assessments in a subscription whose resource is not among {@code
   * liveScopes} (the sweep's resources, lower-case ids): what a missed delete event left behind.
   * Assessments on the subscription itself (Defender plans) are kept.
   *
   * @return the ids of the assessments deleted
   */
  public List<String> removeStale(String subscription, Set<String> liveScopes) {
    List<JsonNode> assessments =
        arm.list(
            "/subscriptions/" + subscription + "/providers/Microsoft.Security/assessments",
            ApiVersions.ASSESSMENTS);
    String subscriptionScope = "/subscriptions/" + subscription.toLowerCase(Locale.ROOT);
    List<String> deleted = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int attempted = 0;
    for (JsonNode a : assessments) {
      String name = a.path("name").asText("");
      if (!ruleByName.containsKey(name)) {
        continue;
      }
      String id = a.path("id").asText("");
      int at = id.toLowerCase(Locale.ROOT).lastIndexOf(ASSESSMENTS_SEGMENT);
      if (at <= 0) {
        continue;
      }
      String scope = id.substring(0, at).toLowerCase(Locale.ROOT);
      if (scope.equals(subscriptionScope) || liveScopes.contains(scope)) {
        continue;
      }
      attempted++;
      try {
        arm.delete(id, ApiVersions.ASSESSMENTS);
        deleted.add(id);
      } catch (SinkException e) {
        failures.add(e.getMessage());
      }
    }
    fail(failures, attempted, "stale assessment deletions");
    return deleted;
  }
}
