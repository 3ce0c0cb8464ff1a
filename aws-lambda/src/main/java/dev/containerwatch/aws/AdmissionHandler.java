package dev.containerwatch.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.Json;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.admission.AdmissionWebhook;
import dev.containerwatch.pipeline.Lazy;
import dev.containerwatch.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lambda entry point for the validating admission webhook of EKS clusters, behind a Lambda function
 * URL (payload format 2.0): the API server calls {@code https://<url>/?cluster=<cluster ARN>&token=
 * <token>} with an AdmissionReview and gets the answer of {@link AdmissionWebhook} (warnings for
 * failed rules, a denial for rules whose effect is {@code deny}, within the configured time budget,
 * failing open).
 *
 * <ul>
 *   <li>The function URL has no IAM authentication (the API server cannot sign requests): the
 *       {@code token} query parameter must equal {@value #ENV_TOKEN}, compared in constant time,
 *       else 401 before the body is read. Without that setting every request gets 500.
 *   <li>The cluster must be one of {@value #ENV_CLUSTERS} (EKS cluster ARNs, comma-separated); with
 *       one cluster configured the parameter may be left out. Another cluster gets 403.
 *   <li>Only POST; the AdmissionReview's size limit and errors are {@link AdmissionWebhook}'s.
 *   <li>No finding is written and no AWS API is called: the object may yet be denied or be a dry
 *       run, and the EKS audit log path records what was stored. So the handler builds no SDK
 *       client and starts as fast as the engine.
 * </ul>
 */
public final class AdmissionHandler implements RequestStreamHandler {
  /** The shared token the webhook URL carries. */
  public static final String ENV_TOKEN = "CONTAINERWATCH_ADMISSION_TOKEN";

  /** The EKS clusters (ARNs) allowed to call. */
  public static final String ENV_CLUSTERS = "CONTAINERWATCH_ADMISSION_CLUSTERS";

  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:eks:[a-z0-9-]+:\\d{12}:cluster/[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Lazy<AdmissionHandler> SHARED =
      new Lazy<>(() -> fromEnvironment(System.getenv(), Log.to(System.out)));

  private final AdmissionWebhook webhook;
  private final byte[] token;
  private final Set<String> clusters;
  private final String setupProblem;
  private final Log log;

  /** The entry point Lambda instantiates; the container's handler is made on first use. */
  public AdmissionHandler() {
    this(null, null, Set.of(), null, null);
  }

  private AdmissionHandler(
      AdmissionWebhook webhook, byte[] token, Set<String> clusters, String setupProblem, Log log) {
    this.webhook = webhook;
    this.token = token;
    this.clusters = clusters;
    this.setupProblem = setupProblem;
    this.log = log;
  }

  /**
   * The handler the environment configures. A wrong setting does not throw: every request then gets
   * 500 naming it, and it is logged once.
   */
  public static AdmissionHandler fromEnvironment(Map<String, String> env, Log log) {
    return of(env, null, log);
  }

  /**
   * The handler of the environment's token and clusters, answering with {@code webhook}, or with
   * one made from the environment's rule configuration when it is null ({@code cli replay} gives
   * its own, with the sample's configuration and clock).
   */
  public static AdmissionHandler of(Map<String, String> env, AdmissionWebhook webhook, Log log) {
    Set<String> clusters = new LinkedHashSet<>();
    for (String c : env.getOrDefault(ENV_CLUSTERS, "").split(",")) {
      if (!c.isBlank()) {
        clusters.add(c.strip());
      }
    }
    String token = env.get(ENV_TOKEN);
    String problem = null;
    if (token == null || token.isBlank()) {
      problem = ENV_TOKEN + " is not set";
    } else if (clusters.isEmpty()) {
      problem = ENV_CLUSTERS + " is not set";
    } else if (clusters.stream().anyMatch(c -> !CLUSTER_ARN.matcher(c).matches())) {
      problem = ENV_CLUSTERS + ": every entry must be an EKS cluster ARN";
    } else if (webhook == null) {
      try {
        Catalog catalog = Catalog.bundled();
        List<Rule> rules = Rules.all();
        Configuration configuration = new ConfigurationLoader(catalog, rules).fromEnvironment(env);
        webhook =
            new AdmissionWebhook(
                new RuleEngine(rules, configuration), configuration, Clock.systemUTC());
      } catch (InvalidInputException e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      log.error("admission webhook not configured").put("reason", problem).write();
    }
    return new AdmissionHandler(
        webhook,
        token == null ? null : token.getBytes(StandardCharsets.UTF_8),
        Set.copyOf(clusters),
        problem,
        log);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    AdmissionHandler handler = webhook == null && setupProblem == null ? SHARED.get() : this;
    output.write(Json.writeBytes(handler.handle(input.readAllBytes())));
    output.flush();
  }

  /** The function URL response for one function URL event. */
  public ObjectNode handle(byte[] event) {
    if (setupProblem != null) {
      return reply(500, error("the admission webhook is not configured: " + setupProblem));
    }
    JsonNode request;
    try {
      request = Json.read(event);
    } catch (IOException e) {
      return rejected(400, "not a function URL event: not valid JSON");
    }
    if (request == null || !request.path("requestContext").path("http").isObject()) {
      return rejected(400, "not a function URL event (payload format 2.0)");
    }
    JsonNode query = request.path("queryStringParameters");
    if (!authenticated(query.path("token").asText(null))) {
      // Before anything of the body is looked at.
      log.warn("admission request rejected").put("status", 401).write();
      return reply(401, error("unauthenticated"));
    }
    String method = request.path("requestContext").path("http").path("method").asText("");
    if (!method.equals("POST")) {
      return rejected(405, "only POST");
    }
    String cluster = cluster(query.path("cluster").asText(""));
    if (cluster == null) {
      return rejected(403, "cluster is not one of " + ENV_CLUSTERS);
    }
    byte[] body;
    try {
      body = body(request);
    } catch (IllegalArgumentException e) {
      return rejected(400, "body is not valid base64");
    }
    AdmissionWebhook.Answer answer = webhook.answer(body, cluster);
    if (answer.outcome() == AdmissionWebhook.Outcome.REJECTED) {
      return rejected(answer.status(), answer.error());
    }
    JsonNode response = answer.response().path("response");
    Log.Line line =
        answer.outcome() == AdmissionWebhook.Outcome.REVIEWED
            ? log.info("admission reviewed")
            : log.error("admission review failed").put("reason", answer.error());
    line.put("cluster", cluster)
        .put("uid", response.path("uid").asText(""))
        .put("operation", answer.request().path("operation").asText(""))
        .put("kind", answer.request().path("kind").path("kind").asText(""))
        .put("allowed", String.valueOf(answer.allowed()))
        .put("outcome", answer.outcome().name())
        .put("warnings", response.path("warnings").size())
        .write();
    return reply(200, answer.response());
  }

  private boolean authenticated(String given) {
    return given != null
        && token != null
        && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }

  private String cluster(String parameter) {
    String given = parameter.strip();
    if (given.isEmpty()) {
      return clusters.size() == 1 ? clusters.iterator().next() : null;
    }
    return clusters.contains(given) ? given : null;
  }

  private static byte[] body(JsonNode request) {
    String body = request.path("body").asText("");
    return request.path("isBase64Encoded").asBoolean(false)
        ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode rejected(int status, String reason) {
    log.warn("admission request rejected").put("status", status).put("reason", reason).write();
    return reply(status, error(reason));
  }

  private static ObjectNode error(String reason) {
    ObjectNode o = Json.object();
    o.put("error", InvalidInputException.firstLine(reason));
    return o;
  }

  private static ObjectNode reply(int status, JsonNode body) {
    ObjectNode reply = Json.object();
    reply.put("statusCode", status);
    reply.putObject("headers").put("content-type", "application/json");
    reply.put("body", Json.write(body));
    return reply;
  }
}
