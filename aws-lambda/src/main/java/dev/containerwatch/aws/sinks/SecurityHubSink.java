package dev.containerwatch.aws.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.aws.loaders.AwsResources;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.documents.Json;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes findings to AWS Security Hub with {@code BatchImportFindings}, as the account's default
 * custom integration ({@code arn:aws:securityhub:<region>:<account>:product/<account>/default}), in
 * the region of each finding's resource.
 *
 * <ul>
 *   <li>Batches of at most {@value #MAX_BATCH} findings and {@value #MAX_BATCH_BYTES} bytes; a
 *       finding over {@value #MAX_FINDING_BYTES} bytes is trimmed (vulnerability list first, then
 *       the description) until it fits.
 *   <li>{@code FailedFindings} in a successful response: the retryable ones (throttling, internal
 *       errors) are sent again, with backoff, up to the retry policy's attempts; any still failing,
 *       and any failing for good ({@code InvalidInput}, {@code InvalidAccess}...), end in a {@link
 *       SinkException} naming them, so that the event is retried by the platform.
 *   <li>Throttling and 5xx of the call itself are retried by {@link SecurityHubHttpClient}.
 *   <li>A deleted resource: its active findings ({@code GetFindings} by the product, the resource
 *       id and {@code RecordState ACTIVE}) are imported again with {@code RecordState ARCHIVED} and
 *       {@code UpdatedAt} the deletion's time. A finding updated at or after that time is left
 *       alone: a later write wins, as in Security Hub itself.
 * </ul>
 */
public final class SecurityHubSink implements FindingSink, FindingsIndex {
  static final int MAX_BATCH = 100;
  static final int MAX_BATCH_BYTES = 6 * 1024 * 1024 - 64 * 1024;
  static final int MAX_FINDING_BYTES = 240 * 1024;

  /** GetFindings pages one query may read (100 findings each): beyond, the answer is suspect. */
  static final int MAX_PAGES = 1000;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final SecurityHubApi api;
  private final Supplier<String> ownAccount;
  private final String catalogVersion;
  private final String defaultRegion;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;
  private Held held;

  /**
   * @param ownAccount the function's account (asked only when a finding is written)
   * @param defaultRegion where findings of a resource without a region go (the function's region)
   */
  public SecurityHubSink(
      SecurityHubApi api,
      Supplier<String> ownAccount,
      String catalogVersion,
      String defaultRegion,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper) {
    this.api = api;
    this.ownAccount = ownAccount;
    this.catalogVersion = catalogVersion;
    this.defaultRegion = defaultRegion;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
  }

  /** Bound to the snapshot, whose document gives the resource details. */
  @Override
  public FindingSink forSnapshot(Snapshot snapshot) {
    return FindingSink.bound(this, findings -> write(findings, snapshot));
  }

  /** Writes findings without a snapshot to describe the resource. */
  @Override
  public void write(List<Finding> findings) {
    write(findings, null);
  }

  /** Archives the findings of a deleted resource (all of them, whichever rule wrote them). */
  @Override
  public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
    archive(resource, time);
  }

  @Override
  public String name() {
    return "security-hub";
  }

  /** Writes the findings of a snapshot (null when there is none to describe the resource). */
  public void write(List<Finding> findings, Snapshot snapshot) {
    Map<String, List<ObjectNode>> byRegion = new LinkedHashMap<>();
    for (Finding f : findings) {
      String region = regionOf(f.resource());
      AwsScope importer = new AwsScope(ownAccount.get(), region);
      byRegion
          .computeIfAbsent(region, r -> new ArrayList<>())
          .add(Asff.finding(f, snapshot, importer, catalogVersion));
    }
    byRegion.forEach(this::importAll);
  }

  /** Archives every active finding of a resource that no longer exists. */
  public void archive(ResourceRef resource, Instant time) {
    String region = regionOf(resource);
    ObjectNode filters = baseFilters(region);
    filter(filters, "ResourceId", AwsResources.securityHubId(resource), "EQUALS");
    List<ObjectNode> archived = new ArrayList<>();
    for (JsonNode stored : query(region, filters)) {
      Instant updated = parseTime(stored.path("UpdatedAt").asText(""));
      if (updated != null && !updated.isBefore(time)) {
        continue;
      }
      archived.add(Asff.archived(stored, time));
    }
    importAll(region, archived);
  }

  @Override
  public Set<ResourceRef> activeResources(AwsScope scope, String idPrefix) {
    ObjectNode filters = baseFilters(scope.region());
    filter(filters, "Region", scope.region(), "EQUALS");
    ArrayNode productFields = filters.putArray("ProductFields");
    productFields
        .addObject()
        .put("Key", Asff.FIELD_RESOURCE_ACCOUNT)
        .put("Value", scope.account())
        .put("Comparison", "EQUALS");
    if (idPrefix != null) {
      filter(filters, "ResourceId", idPrefix, "PREFIX");
    }
    Set<ResourceRef> out = new LinkedHashSet<>();
    for (JsonNode stored : query(scope.region(), filters)) {
      JsonNode fields = stored.path("ProductFields");
      ResourceType type = typeNamed(fields.path(Asff.FIELD_RESOURCE_TYPE).asText(""));
      String id = fields.path(Asff.FIELD_RESOURCE_ID).asText("");
      if (type == null || id.isEmpty()) {
        continue;
      }
      if (type == ResourceType.KUBERNETES_OBJECT) {
        out.add(AwsResources.kubernetesObject(id));
      } else {
        out.add(new ResourceRef(type, id, null, null, id.substring(id.lastIndexOf('/') + 1)));
      }
    }
    return out;
  }

  private static ResourceType typeNamed(String nativeName) {
    for (ResourceType t : ResourceType.values()) {
      if (t.nativeName().equals(nativeName)) {
        return t;
      }
    }
    return null;
  }

  private ObjectNode baseFilters(String region) {
    ObjectNode filters = F.objectNode();
    filter(
        filters, "ProductArn", Asff.productArn(new AwsScope(ownAccount.get(), region)), "EQUALS");
    filter(filters, "RecordState", "ACTIVE", "EQUALS");
    return filters;
  }

  private static void filter(ObjectNode filters, String field, String value, String comparison) {
    filters.putArray(field).addObject().put("Value", value).put("Comparison", comparison);
  }

  private List<JsonNode> query(String region, ObjectNode filters) {
    List<JsonNode> out = new ArrayList<>();
    Set<String> tokens = new java.util.HashSet<>();
    String token = null;
    do {
      if (tokens.size() >= MAX_PAGES) {
        throw new SinkException(
            "Security Hub GetFindings: more than " + MAX_PAGES + " pages; the query is cut short");
      }
      ObjectNode request = F.objectNode();
      request.set("Filters", filters);
      request.put("MaxResults", 100);
      if (token != null) {
        request.put("NextToken", token);
      }
      JsonNode page;
      try {
        page = api.getFindings(region, request);
      } catch (SecurityHubApi.SecurityHubException e) {
        throw new SinkException("Security Hub: " + e.getMessage(), e);
      }
      page.path("Findings").forEach(out::add);
      token = page.path("NextToken").isTextual() ? page.get("NextToken").textValue() : null;
      token = token == null || token.isEmpty() ? null : token;
      // A token seen before would loop forever: the answer is wrong, the query fails (retried).
      if (token != null && !tokens.add(token)) {
        throw new SinkException("Security Hub GetFindings: NextToken repeats an earlier page's");
      }
    } while (token != null);
    return out;
  }

  private String regionOf(ResourceRef resource) {
    return AwsResources.scopeOf(resource).map(AwsScope::region).orElse(defaultRegion);
  }

  private void importAll(String region, List<ObjectNode> findings) {
    if (held != null) {
      findings.forEach(f -> held.add(region, f));
      return;
    }
    Set<String> failed = new LinkedHashSet<>();
    for (List<ObjectNode> batch : batches(findings)) {
      failed.addAll(importBatch(region, batch).failed().values());
    }
    if (!failed.isEmpty()) {
      throw new SinkException(failureMessage(failed));
    }
  }

  /**
   * The findings in requests of at most {@value #MAX_BATCH} findings and {@value #MAX_BATCH_BYTES}
   * bytes.
   */
  private static List<List<ObjectNode>> batches(List<ObjectNode> findings) {
    List<List<ObjectNode>> out = new ArrayList<>();
    List<ObjectNode> batch = new ArrayList<>();
    int bytes = 0;
    for (ObjectNode finding : findings) {
      int size = fit(finding);
      if (!batch.isEmpty() && (batch.size() >= MAX_BATCH || bytes + size > MAX_BATCH_BYTES)) {
        out.add(batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(finding);
      bytes += size;
    }
    if (!batch.isEmpty()) {
      out.add(batch);
    }
    return out;
  }

  // ---- holding writes back to import them together ----

  /**
   * From now until {@link Held#flush}, findings written or archived are held back, each noted with
   * the current {@linkplain Held#owner owner} (an SQS message id), and then imported together in as
   * few requests as the limits allow: one invocation's records share their requests.
   */
  public Held hold() {
    if (held != null) {
      throw new IllegalStateException("writes are already held back");
    }
    held = new Held();
    return held;
  }

  /**
   * Findings held back by {@link #hold}. A finding written twice (two records about the same
   * resource, the same event delivered twice in a batch) is imported once: the copy with the later
   * {@code UpdatedAt} (the later one written when equal), on behalf of both owners.
   */
  public final class Held implements AutoCloseable {
    private final Map<String, Map<String, ObjectNode>> byRegion = new LinkedHashMap<>();
    private final Map<String, Set<String>> owners = new java.util.HashMap<>();
    private String owner = "";

    /** Whose findings the next writes are. */
    public void owner(String owner) {
      this.owner = owner;
    }

    private void add(String region, ObjectNode finding) {
      String id = finding.path("Id").asText();
      Map<String, ObjectNode> findings =
          byRegion.computeIfAbsent(region, r -> new LinkedHashMap<>());
      ObjectNode earlier = findings.get(id);
      if (earlier == null || !updatedAt(earlier).isAfter(updatedAt(finding))) {
        findings.put(id, finding);
      }
      owners.computeIfAbsent(region + " " + id, k -> new LinkedHashSet<>()).add(owner);
    }

    /**
     * Imports the held findings; what failed for good (after the retries, or refused) is reported,
     * not thrown, so that the other owners' findings are still written.
     */
    public Result flush() {
      held = null;
      Set<String> failedOwners = new LinkedHashSet<>();
      Set<String> failures = new LinkedHashSet<>();
      byRegion.forEach(
          (region, findings) -> {
            for (List<ObjectNode> batch : batches(new ArrayList<>(findings.values()))) {
              Imported imported = importBatch(region, batch);
              Map<String, String> failed = imported.failed();
              Map<Set<String>, List<ObjectNode>> byOwners = byOwners(region, batch);
              if (imported.requestFailed() && byOwners.size() > 1) {
                // The whole request failed (a 503 that lasted, one finding making the request
                // invalid): each owner's findings are sent again on their own, so that one
                // record's trouble does not fail the others.
                failed = new LinkedHashMap<>();
                for (List<ObjectNode> own : byOwners.values()) {
                  failed.putAll(importBatch(region, own).failed());
                }
              }
              failed.forEach(
                  (id, failure) -> {
                    failures.add(failure);
                    failedOwners.addAll(owners.getOrDefault(region + " " + id, Set.of()));
                  });
            }
          });
      byRegion.clear();
      return new Result(failedOwners, List.copyOf(failures));
    }

    /** The findings of a request grouped by the owners they were written for. */
    private Map<Set<String>, List<ObjectNode>> byOwners(String region, List<ObjectNode> batch) {
      Map<Set<String>, List<ObjectNode>> out = new LinkedHashMap<>();
      for (ObjectNode f : batch) {
        Set<String> of = owners.getOrDefault(region + " " + f.path("Id").asText(), Set.of());
        out.computeIfAbsent(of, k -> new ArrayList<>()).add(f);
      }
      return out;
    }

    /** Stops holding writes back; what is still held is dropped (call {@link #flush} first). */
    @Override
    public void close() {
      if (held == this) {
        held = null;
      }
    }
  }

  /**
   * What {@link Held#flush} could not write.
   *
   * @param failedOwners the owners of a finding that failed
   * @param failures one line per failed finding or request
   */
  public record Result(Set<String> failedOwners, List<String> failures) {
    /** Throws a {@link SinkException} naming the failures, if any. */
    public void throwIfFailed() {
      if (!failures.isEmpty()) {
        throw new SinkException(
            "writing findings failed in security-hub: " + failureMessage(failures));
      }
    }
  }

  /** {@code BatchImportFindings failed: <id>: <code> <message>; <call failure>...}. */
  private static String failureMessage(java.util.Collection<String> failures) {
    return "Security Hub BatchImportFindings failed: " + String.join("; ", failures);
  }

  private static Instant updatedAt(JsonNode finding) {
    Instant t = parseTime(finding.path("UpdatedAt").asText(""));
    return t == null ? Instant.MIN : t;
  }

  /** Trims a finding to Security Hub's per-finding limit; returns its size. */
  static int fit(ObjectNode finding) {
    int size = size(finding);
    while (size > MAX_FINDING_BYTES && finding.path("Vulnerabilities").size() > 1) {
      ArrayNode v = (ArrayNode) finding.get("Vulnerabilities");
      int keep = Math.max(1, v.size() / 2);
      while (v.size() > keep) {
        v.remove(v.size() - 1);
      }
      size = size(finding);
    }
    if (size > MAX_FINDING_BYTES) {
      finding.remove("Vulnerabilities");
      finding.put("Description", Asff.cut(finding.path("Description").asText(), 256));
      size = size(finding);
    }
    return size;
  }

  private static int size(JsonNode node) {
    return Json.writeBytes(node).length;
  }

  /**
   * Imports one request's findings, sending the retryable {@code FailedFindings} again; returns the
   * findings that finally failed (by Id, with why), all of them when the call itself failed.
   */
  private Imported importBatch(String region, List<ObjectNode> batch) {
    List<ObjectNode> pending = batch;
    Map<String, String> permanent = new LinkedHashMap<>();
    String lastRetryable = null;
    for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
      if (attempt > 1) {
        try {
          sleeper.sleep(retryPolicy.backoff(attempt - 1, null));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SinkException("Security Hub: interrupted while retrying failed findings", e);
        }
      }
      ArrayNode array = F.arrayNode();
      pending.forEach(array::add);
      JsonNode response;
      try {
        response = api.batchImportFindings(region, array);
      } catch (SecurityHubApi.SecurityHubException e) {
        pending.forEach(f -> permanent.put(f.path("Id").asText(), e.getMessage()));
        return new Imported(permanent, true);
      }
      Map<String, ObjectNode> byId = new LinkedHashMap<>();
      pending.forEach(f -> byId.put(f.path("Id").asText(), f));
      List<ObjectNode> retry = new ArrayList<>();
      lastRetryable = null;
      for (JsonNode failed : response.path("FailedFindings")) {
        String id = failed.path("Id").asText("");
        String code = failed.path("ErrorCode").asText("");
        String line = id + ": " + code + " " + failed.path("ErrorMessage").asText("");
        ObjectNode finding = byId.get(id);
        if (finding != null && isRetryable(code)) {
          retry.add(finding);
          lastRetryable = lastRetryable == null ? line : lastRetryable;
        } else {
          permanent.put(id, line.strip());
        }
      }
      if (retry.isEmpty()) {
        break;
      }
      pending = retry;
      if (attempt == retryPolicy.maxAttempts()) {
        String why =
            retry.size()
                + " finding(s) still failing after "
                + attempt
                + " attempts, e.g. "
                + lastRetryable.strip();
        retry.forEach(f -> permanent.put(f.path("Id").asText(), why));
      }
    }
    return new Imported(permanent, false);
  }

  /**
   * What one request left unwritten.
   *
   * @param failed the findings that finally failed, by Id, with why
   * @param requestFailed whether the call itself failed (rather than some of its findings)
   */
  private record Imported(Map<String, String> failed, boolean requestFailed) {}

  /** Failures another attempt may cure; the others (invalid input, no access) will not. */
  static boolean isRetryable(String errorCode) {
    String c = errorCode.toLowerCase(java.util.Locale.ROOT);
    return c.contains("throttl")
        || c.contains("limitexceeded")
        || c.contains("toomanyrequests")
        || c.contains("internal")
        || c.contains("unavailable")
        || c.contains("timeout");
  }

  private static Instant parseTime(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
