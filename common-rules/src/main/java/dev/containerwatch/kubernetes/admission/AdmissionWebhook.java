package dev.containerwatch.kubernetes.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.config.AdmissionSettings;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.documents.InputText;
import dev.containerwatch.documents.Json;
import dev.containerwatch.engine.RuleEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The admission webhook's request handling, the same in every cloud's HTTP function: a size limit,
 * the review within the configured time budget, and what happens when it cannot finish.
 *
 * <ul>
 *   <li>A body over {@value #MAX_REQUEST_BYTES} bytes gets 413 and one that is not an
 *       AdmissionReview 400: neither has a {@code uid} to answer, and the cluster's {@code
 *       failurePolicy} decides.
 *   <li>A review that does not finish within {@link AdmissionSettings#timeBudget()} (2 seconds by
 *       default, counted from the request's arrival), or that fails, fails open: the object is
 *       allowed with a warning that says so. With {@code failurePolicy: Fail} it is denied instead,
 *       but only while some enabled rule's effect is {@code deny}: a webhook that only audits never
 *       blocks the cluster.
 *   <li>Otherwise the answer is {@link AdmissionController}'s: warnings for failed {@code audit}
 *       rules, a denial for failed {@code deny} rules.
 * </ul>
 *
 * <pre>{@code
 * AdmissionWebhook webhook = new AdmissionWebhook(engine, configuration, clock);
 * AdmissionWebhook.Answer answer = webhook.answer(body, clusterId);
 * // 200 with answer.response(), or answer.status() with answer.error()
 * Optional<List<Finding>> recorded = answer.within(() -> pipeline.process(snapshot));
 * }</pre>
 */
public final class AdmissionWebhook {
  /**
   * The largest request body: an AdmissionReview carries the object and the old object, which the
   * API server caps at about 3 MiB each.
   */
  public static final int MAX_REQUEST_BYTES = 7 * 1024 * 1024;

  /**
   * Reviews run on daemon threads so that a review past its budget can be left behind (and never
   * keeps the function's JVM alive); the pool is shared by every webhook of the JVM.
   */
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          task -> {
            Thread t = new Thread(task, "containerwatch-admission");
            t.setDaemon(true);
            return t;
          });

  private final RuleEngine engine;
  private final Configuration configuration;
  private final Clock clock;

  /** The budget is kept on the monotonic clock: the wall clock may jump. */
  private final LongSupplier nanoTime = System::nanoTime;

  public AdmissionWebhook(RuleEngine engine, Configuration configuration, Clock clock) {
    this.engine = engine;
    this.configuration = configuration;
    this.clock = clock;
  }

  /** How a request ended. */
  public enum Outcome {
    /** The rules were evaluated; the response is theirs. */
    REVIEWED,
    /** The review did not finish in time or failed; the object was allowed with a warning. */
    FAILED_OPEN,
    /** The review did not finish in time or failed; the object was denied ({@code Fail}). */
    FAILED_CLOSED,
    /** The body is too large or not an AdmissionReview: an HTTP error, no response. */
    REJECTED
  }

  /**
   * The webhook's answer.
   *
   * @param status the HTTP status: 200 with a response, 400 or 413 with an error
   * @param response the AdmissionReview response; null when rejected
   * @param error why the request was rejected, or why the review failed; null otherwise
   * @param request the AdmissionReview's {@code request}; missing when rejected
   */
  public record Answer(
      int status,
      ObjectNode response,
      String error,
      Outcome outcome,
      JsonNode request,
      Deadline deadline) {

    /** Whether the object was admitted. */
    public boolean allowed() {
      return response != null && response.path("response").path("allowed").asBoolean(false);
    }

    /**
     * Runs {@code work} (recording the object's findings, say) and waits for it no longer than what
     * is left of the budget: empty when it did not finish in time, in which case it goes on after
     * the answer. Exceptions of {@code work} are rethrown as they are when unchecked.
     */
    public <T> Optional<T> within(Callable<T> work) {
      return deadline.await(WORKERS.submit(work));
    }
  }

  /** The end of a request's time budget, on the monotonic clock. */
  public static final class Deadline {
    private final long endNanos;
    private final LongSupplier nanoTime;

    Deadline(long endNanos, LongSupplier nanoTime) {
      this.endNanos = endNanos;
      this.nanoTime = nanoTime;
    }

    /** What is left of the budget; zero once it has passed. */
    public Duration remaining() {
      return Duration.ofNanos(Math.max(0, endNanos - nanoTime.getAsLong()));
    }

    <T> Optional<T> await(Future<T> future) {
      try {
        return Optional.ofNullable(future.get(remaining().toNanos(), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * Answers one request body.
   *
   * @param body the HTTP request's body
   * @param clusterId the canonical id of the cluster the request comes from (the objects' identity)
   */
  public Answer answer(byte[] body, String clusterId) {
    AdmissionSettings settings = configuration.admission();
    Deadline deadline =
        new Deadline(nanoTime.getAsLong() + settings.timeBudget().toNanos(), nanoTime);
    if (body == null || body.length == 0) {
      return rejected(400, "AdmissionReview: the body is empty", deadline);
    }
    if (body.length > MAX_REQUEST_BYTES) {
      return rejected(
          413,
          "AdmissionReview: body of "
              + body.length
              + " bytes is over the limit of "
              + MAX_REQUEST_BYTES
              + " bytes",
          deadline);
    }
    JsonNode review;
    AdmissionController.Request identity;
    try {
      review = Json.read(InputText.decode("AdmissionReview", body));
      identity = AdmissionController.identify(review);
    } catch (InvalidInputException e) {
      return rejected(400, e.getMessage(), deadline);
    } catch (JsonProcessingException e) {
      return rejected(
          400, "AdmissionReview: body is not valid JSON: " + InputText.problem(e), deadline);
    }
    JsonNode parsed = review;
    JsonNode request = parsed.path("request");
    AdmissionController controller =
        new AdmissionController(engine, configuration, clusterId, clock);
    Future<ObjectNode> reviewing = WORKERS.submit(() -> controller.review(parsed));
    String failure;
    try {
      Optional<ObjectNode> response = deadline.await(reviewing);
      if (response.isPresent()) {
        return new Answer(200, response.get(), null, Outcome.REVIEWED, request, deadline);
      }
      reviewing.cancel(true);
      failure = "the review did not finish within " + settings.timeBudget().toMillis() + " ms";
    } catch (InvalidInputException e) {
      failure = "the object could not be reviewed: " + e.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      failure = "the review failed (" + e.getClass().getSimpleName() + ")";
    }
    if (settings.failClosed() && configuration.enforcesAdmission()) {
      return new Answer(
          200,
          AdmissionController.deniedWithError(
              identity, "containerwatch: " + failure + "; denied by failurePolicy Fail"),
          failure,
          Outcome.FAILED_CLOSED,
          request,
          deadline);
    }
    return new Answer(
        200,
        AdmissionController.allowedWithWarning(
            identity, "[containerwatch] " + failure + "; allowed without evaluation"),
        failure,
        Outcome.FAILED_OPEN,
        request,
        deadline);
  }

  private static Answer rejected(int status, String error, Deadline deadline) {
    return new Answer(
        status,
        null,
        InvalidInputException.firstLine(error),
        Outcome.REJECTED,
        MissingNode.getInstance(),
        deadline);
  }
}
