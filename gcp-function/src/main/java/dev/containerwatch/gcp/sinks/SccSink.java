package dev.containerwatch.gcp.sinks;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.securitycenter.v1.Finding;
import com.google.cloud.securitycenter.v1.ListFindingsRequest;
import com.google.cloud.securitycenter.v1.ListFindingsResponse;
import com.google.cloud.securitycenter.v1.SecurityCenterClient;
import com.google.cloud.securitycenter.v1.SetFindingStateRequest;
import com.google.cloud.securitycenter.v1.UpdateFindingRequest;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Timestamps;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.findings.FindingId;
import dev.containerwatch.gcp.loaders.ApiErrors;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Writes findings to Security Command Center (API v1) under a configured source.
 *
 * <ul>
 *   <li>Each finding is created or updated in one idempotent call: {@code UpdateFinding} with the
 *       full name and {@link SccFindings#UPDATE_MASK} (the API creates the finding when it does not
 *       exist). UNKNOWN evaluations are not written: an earlier ACTIVE finding stays ACTIVE until
 *       evidence says otherwise.
 *   <li>Ordering ({@link SccWriteOptions#ordered()}): SCC applies any update, whatever its {@code
 *       event_time}, so before writing the findings of a resource the sink reads that resource's
 *       findings of the source once ({@code ListFindings} filtered on {@code resource_name}) and
 *       skips a write whose stored {@code event_time} is later than the event's: an older event
 *       delivered late never overwrites a newer state.
 *   <li>A deleted resource: its stored findings (ordered) are set INACTIVE with {@code event_time}
 *       the deletion time ({@code UpdateFinding}, mask {@code state,event_time}), so that an older
 *       upsert arriving later is skipped; nothing is created for a resource that is gone.
 *       Unordered, {@code SetFindingState} INACTIVE on each finding it may have, a 404 left alone.
 *   <li>SCC has no batch write: up to {@code parallelism} calls run at once, paced by a token
 *       bucket below the write quota ({@link SccWriteOptions#writesPerMinute()}). {@code
 *       RESOURCE_EXHAUSTED} (HTTP 429) waits for the quota (the server's {@code RetryInfo} delay
 *       when it gives one, else a jittered exponential backoff up to a minute) and is retried for
 *       as long as the retry budget allows, never for a count of attempts. Server errors
 *       (UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED, ABORTED, UNKNOWN) are retried with the bounded
 *       backoff of {@link RetryPolicy}. Every finding is tried; if any still fails, a {@link
 *       SinkException} says how many and why, so the event is retried (and the findings already
 *       written are rewritten, unchanged).
 * </ul>
 */
public final class SccSink implements FindingSink {
  /** A source: {@code organizations/O/sources/S} (or the folder and project forms of v1 names). */
  public static final Pattern SOURCE =
      Pattern.compile("^(organizations|folders|projects)/[^/]+/sources/[0-9]+$");

  /** What a deletion changes: the state, and the time it took effect. */
  static final FieldMask RESOLVE_MASK =
      FieldMask.newBuilder().addPaths("state").addPaths("event_time").build();

  private static final Set<StatusCode.Code> SERVER_ERRORS = ApiErrors.SERVER_ERRORS;

  private final Supplier<SecurityCenterClient> client;
  private final String source;
  private final Configuration configuration;
  private final RetryPolicy policy;
  private final Retry.Sleeper sleeper;
  private final Clock clock;
  private final int parallelism;
  private final SccWriteOptions options;
  private final LongSupplier nanoTime;
  private final WritePacer pacer;
  private volatile ExecutorService executor;

  /** Unpaced and unordered (a recording client, a replay); see the full constructor. */
  public SccSink(
      Supplier<SecurityCenterClient> client,
      String source,
      Configuration configuration,
      RetryPolicy policy,
      Retry.Sleeper sleeper,
      Clock clock,
      int parallelism) {
    this(
        client,
        source,
        configuration,
        policy,
        sleeper,
        clock,
        parallelism,
        SccWriteOptions.unpaced(),
        System::nanoTime);
  }

  /**
   * @param policy retries of server errors (attempts, backoff)
   * @param sleeper how retries and pacing wait
   * @param nanoTime a monotonic time for pacing and the retry budget ({@code System::nanoTime};
   *     tests pass one their sleeper advances)
   */
  public SccSink(
      Supplier<SecurityCenterClient> client,
      String source,
      Configuration configuration,
      RetryPolicy policy,
      Retry.Sleeper sleeper,
      Clock clock,
      int parallelism,
      SccWriteOptions options,
      LongSupplier nanoTime) {
    if (!SOURCE.matcher(source).matches()) {
      throw new IllegalArgumentException(
          "Security Command Center source '" + source + "' is not organizations/O/sources/S");
    }
    this.client = client;
    this.source = source;
    this.configuration = configuration;
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.parallelism = Math.max(1, parallelism);
    this.options = options;
    this.nanoTime = nanoTime;
    this.pacer =
        options.writesPerMinute() > 0
            ? new WritePacer(options.writesPerMinute(), nanoTime, sleeper)
            : null;
  }

  @Override
  public String name() {
    return "security-command-center";
  }

  /** Bound to an image's report, whose vulnerabilities the findings carry; else itself. */
  @Override
  public FindingSink forSnapshot(Snapshot snapshot) {
    VulnerabilityReport report =
        snapshot.type() == ResourceType.IMAGE_SCAN
                && VulnerabilityReport.isReport(snapshot.document())
            ? VulnerabilityReport.fromJson(snapshot.document())
            : null;
    return report == null ? this : FindingSink.bound(this, findings -> write(findings, report));
  }

  @Override
  public void write(List<dev.containerwatch.findings.Finding> findings) {
    write(findings, null);
  }

  private void write(
      List<dev.containerwatch.findings.Finding> findings, VulnerabilityReport report) {
    Instant now = clock.instant();
    List<Finding> toWrite = new ArrayList<>();
    for (dev.containerwatch.findings.Finding f : findings) {
      Instant eventTime = f.observedAt().isAfter(now) ? now : f.observedAt();
      SccFindings.toScc(
              f, source, eventTime, report, configuration.settings(f.ruleId()).parameters())
          .ifPresent(toWrite::add);
    }
    if (options.ordered()) {
      toWrite = notOlderThanStored(toWrite);
    }
    runAll(
        "UpdateFinding",
        toWrite,
        finding -> {
          UpdateFindingRequest request =
              UpdateFindingRequest.newBuilder()
                  .setFinding(finding)
                  .setUpdateMask(SccFindings.UPDATE_MASK)
                  .build();
          return client.get().updateFinding(request);
        },
        Finding::getName,
        true);
  }

  /** The findings whose stored copy, if any, is not of a later event. */
  private List<Finding> notOlderThanStored(List<Finding> findings) {
    Map<String, List<Finding>> byResource = new LinkedHashMap<>();
    for (Finding f : findings) {
      byResource.computeIfAbsent(f.getResourceName(), r -> new ArrayList<>()).add(f);
    }
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, List<Finding>> e : byResource.entrySet()) {
      Map<String, Finding> stored = stored(e.getKey());
      for (Finding f : e.getValue()) {
        Finding s = stored.get(f.getName());
        if (s == null || Timestamps.compare(s.getEventTime(), f.getEventTime()) <= 0) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** The findings of this source stored for a resource, by name: one {@code ListFindings}. */
  private Map<String, Finding> stored(String resourceName) {
    ListFindingsRequest request =
        ListFindingsRequest.newBuilder()
            .setParent(source)
            .setFilter("resource_name=\"" + resourceName.replaceAll("[\"\\\\]", "") + "\"")
            .setPageSize(1000)
            .build();
    Map<String, Finding> out = new HashMap<>();
    String token = "";
    do {
      ListFindingsRequest page = request.toBuilder().setPageToken(token).build();
      ListFindingsResponse r =
          attempt(
              "SCC ListFindings " + resourceName,
              () -> client.get().listFindingsCallable().call(page),
              false);
      r.getListFindingsResultsList()
          .forEach(x -> out.put(x.getFinding().getName(), x.getFinding()));
      token = r.getNextPageToken();
    } while (!token.isEmpty());
    return out;
  }

  @Override
  public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
    Instant now = clock.instant();
    Instant start = time.isAfter(now) ? now : time;
    List<String> names = new ArrayList<>();
    for (String ruleId : ruleIds) {
      names.add(SccFindings.name(source, FindingId.of(ruleId, resource.canonicalId(), null).hex()));
    }
    if (options.ordered()) {
      Map<String, Finding> stored = stored(SccResourceNames.of(resource));
      List<Finding> resolve = new ArrayList<>();
      for (String name : names) {
        Finding s = stored.get(name);
        if (s != null && Timestamps.compare(s.getEventTime(), SccFindings.timestamp(start)) <= 0) {
          resolve.add(
              Finding.newBuilder()
                  .setName(name)
                  .setState(Finding.State.INACTIVE)
                  .setEventTime(SccFindings.timestamp(start))
                  .build());
        }
      }
      runAll(
          "UpdateFinding",
          resolve,
          finding ->
              client
                  .get()
                  .updateFinding(
                      UpdateFindingRequest.newBuilder()
                          .setFinding(finding)
                          .setUpdateMask(RESOLVE_MASK)
                          .build()),
          Finding::getName,
          true);
      return;
    }
    runAll(
        "SetFindingState",
        names,
        name -> {
          SetFindingStateRequest request =
              SetFindingStateRequest.newBuilder()
                  .setName(name)
                  .setState(Finding.State.INACTIVE)
                  .setStartTime(SccFindings.timestamp(start))
                  .build();
          try {
            return client.get().setFindingState(request);
          } catch (NotFoundException e) {
            // Never written (the rule did not apply, or evaluated UNKNOWN): nothing to resolve.
            return null;
          }
        },
        name -> name,
        true);
  }

  private interface Write<T> {
    Object run(T item);
  }

  /** Runs every write, {@code parallelism} at a time, and fails after all if any failed. */
  private <T> void runAll(
      String what,
      List<T> items,
      Write<T> write,
      java.util.function.Function<T, String> label,
      boolean paced) {
    if (items.isEmpty()) {
      return;
    }
    AtomicInteger failed = new AtomicInteger();
    List<String> problems = new ArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (T item : items) {
      Runnable task =
          () -> {
            try {
              attempt("SCC " + what + " " + label.apply(item), () -> write.run(item), paced);
            } catch (SinkException e) {
              failed.incrementAndGet();
              synchronized (problems) {
                problems.add(e.getMessage());
              }
            }
          };
      futures.add(
          items.size() == 1 || parallelism == 1
              ? CompletableFuture.runAsync(task, Runnable::run)
              : CompletableFuture.runAsync(task, executor()));
    }
    try {
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    } catch (CompletionException e) {
      throw new SinkException("SCC " + what + ": " + e.getCause(), e.getCause());
    }
    if (failed.get() > 0) {
      problems.sort(null);
      throw new SinkException(
          "SCC "
              + what
              + ": "
              + failed.get()
              + " of "
              + items.size()
              + " failed; first: "
              + problems.get(0));
    }
  }

  /**
   * One call, retried: throttling for as long as the retry budget allows, server errors for the
   * policy's attempts. A permanent error ends it at once.
   *
   * @throws SinkException when the call finally failed
   */
  private <R> R attempt(String what, Supplier<R> call, boolean paced) {
    long start = nanoTime.getAsLong();
    int attempts = 0;
    int throttled = 0;
    int failures = 0;
    while (true) {
      if (paced && pacer != null) {
        pacer.acquire();
      }
      attempts++;
      String problem;
      Duration wait;
      try {
        return call.get();
      } catch (NotFoundException e) {
        throw e;
      } catch (ApiException e) {
        StatusCode.Code code = e.getStatusCode().getCode();
        problem = code + ": " + ApiErrors.firstLine(e.getMessage());
        if (code == StatusCode.Code.RESOURCE_EXHAUSTED) {
          throttled++;
          if (pacer != null) {
            pacer.throttled();
          }
          wait = throttleWait(throttled, ApiErrors.retryDelay(e));
        } else if (SERVER_ERRORS.contains(code)) {
          failures++;
          if (failures >= policy.maxAttempts()) {
            throw new SinkException(
                what + ": failed after " + attempts + " attempts; last: " + problem, e);
          }
          wait = policy.backoff(failures, null);
        } else {
          throw new SinkException(what + ": " + problem, e);
        }
      } catch (RuntimeException e) {
        // A client that could not read the answer (a garbled body): like a server error.
        failures++;
        problem = "unreadable answer: " + ApiErrors.firstLine(e.getMessage());
        if (failures >= policy.maxAttempts()) {
          throw new SinkException(
              what + ": failed after " + attempts + " attempts; last: " + problem, e);
        }
        wait = policy.backoff(failures, null);
      }
      Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
      if (elapsed.plus(wait).compareTo(options.retryBudget()) > 0) {
        throw new SinkException(
            what
                + ": gave up after "
                + attempts
                + " attempts in "
                + elapsed.toSeconds()
                + " s (retry budget "
                + options.retryBudget().toSeconds()
                + " s); last: "
                + problem);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new SinkException(what + ": interrupted while waiting to retry", ie);
      }
    }
  }

  /**
   * The wait after the {@code n}th refusal for the quota: the server's delay when it gives one
   * (capped), else between half and all of {@code min(max, base * 2^(n-1))}: growing, jittered so
   * that writers refused together do not come back together, and never so short that it only burns
   * attempts.
   */
  Duration throttleWait(int n, Duration serverDelay) {
    long maxMs = options.throttleMaxDelay().toMillis();
    if (serverDelay != null) {
      return Duration.ofMillis(Math.min(maxMs, serverDelay.toMillis()));
    }
    long cap = Math.min(maxMs, options.throttleBaseDelay().toMillis() << Math.min(n - 1, 20));
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap - cap / 2 + 1));
  }

  private ExecutorService executor() {
    ExecutorService e = executor;
    if (e == null) {
      synchronized (this) {
        e = executor;
        if (e == null) {
          e =
              Executors.newFixedThreadPool(
                  parallelism,
                  r -> {
                    Thread t = new Thread(r, "scc-writer");
                    t.setDaemon(true);
                    return t;
                  });
          executor = e;
        }
      }
    }
    return e;
  }
}
