package dev.containerwatch.gcp.sinks;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.securitycenter.v1.Finding;
import com.google.cloud.securitycenter.v1.SecurityCenterClient;
import com.google.cloud.securitycenter.v1.SetFindingStateRequest;
import com.google.cloud.securitycenter.v1.UpdateFindingRequest;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.findings.FindingId;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>A deleted resource: {@code SetFindingState} INACTIVE on each finding it may have (every
 *       enabled rule of its type), with the deletion time; a finding that does not exist (404) is
 *       left alone, so no finding is created for a resource that is gone.
 *   <li>SCC has no batch write: up to {@code parallelism} calls run at once. Quota errors ({@code
 *       RESOURCE_EXHAUSTED}, HTTP 429) and server errors (UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED,
 *       ABORTED, UNKNOWN) are retried with the bounded backoff of {@link RetryPolicy}. Every
 *       finding is tried; if any still fails, a {@link SinkException} says how many and why, so the
 *       event is retried (and the findings already written are rewritten, unchanged).
 * </ul>
 */
public final class SccSink implements FindingSink {
  /** A source: {@code organizations/O/sources/S} (or the folder and project forms of v1 names). */
  public static final Pattern SOURCE =
      Pattern.compile("^(organizations|folders|projects)/[^/]+/sources/[0-9]+$");

  private static final Set<StatusCode.Code> RETRIED =
      Set.of(
          StatusCode.Code.RESOURCE_EXHAUSTED,
          StatusCode.Code.UNAVAILABLE,
          StatusCode.Code.INTERNAL,
          StatusCode.Code.DEADLINE_EXCEEDED,
          StatusCode.Code.ABORTED,
          StatusCode.Code.UNKNOWN);

  private final Supplier<SecurityCenterClient> client;
  private final String source;
  private final Configuration configuration;
  private final RetryPolicy policy;
  private final Retry.Sleeper sleeper;
  private final Clock clock;
  private final int parallelism;
  private volatile ExecutorService executor;

  public SccSink(
      Supplier<SecurityCenterClient> client,
      String source,
      Configuration configuration,
      RetryPolicy policy,
      Retry.Sleeper sleeper,
      Clock clock,
      int parallelism) {
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
    runAll(
        "UpdateFinding",
        toWrite,
        finding -> {
          UpdateFindingRequest request =
              UpdateFindingRequest.newBuilder()
                  .setFinding(finding)
                  .setUpdateMask(SccFindings.UPDATE_MASK)
                  .build();
          call(() -> client.get().updateFinding(request));
        },
        Finding::getName);
  }

  @Override
  public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
    Instant now = clock.instant();
    Instant start = time.isAfter(now) ? now : time;
    List<String> names = new ArrayList<>();
    for (String ruleId : ruleIds) {
      names.add(SccFindings.name(source, FindingId.of(ruleId, resource.canonicalId(), null).hex()));
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
            call(() -> client.get().setFindingState(request));
          } catch (NotFoundException e) {
            // Never written (the rule did not apply, or evaluated UNKNOWN): nothing to resolve.
          }
        },
        name -> name);
  }

  private interface Write<T> {
    void run(T item);
  }

  /** Runs every write, {@code parallelism} at a time, and fails after all if any failed. */
  private <T> void runAll(
      String what, List<T> items, Write<T> write, java.util.function.Function<T, String> label) {
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
              Retry.call(
                  "SCC " + what + " " + label.apply(item),
                  policy,
                  sleeper,
                  () -> {
                    write.run(item);
                    return null;
                  });
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

  /** One call; the failures worth another attempt become {@link Retry.Retryable}. */
  private static void call(Runnable call) {
    try {
      call.run();
    } catch (NotFoundException e) {
      throw e;
    } catch (ApiException e) {
      StatusCode.Code code = e.getStatusCode().getCode();
      String message = code + ": " + firstLine(e.getMessage());
      if (RETRIED.contains(code)) {
        throw new Retry.Retryable(message, null);
      }
      throw new SinkException(message, e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
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
