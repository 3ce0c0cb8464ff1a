package dev.containerwatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The AWS side of the tests: a WireMock server answering EKS, ECR, STS and Security Hub with the
 * responses in {@code events-samples/aws/resources/}, and the function wired to it exactly as in
 * Lambda (real SDK clients, real SigV4 signing, the url-connection client) except for the endpoint,
 * fake credentials, and waits that are recorded instead of slept.
 */
final class AwsTestbed implements AutoCloseable {
  static final String ACCOUNT = "418273645091";
  static final String MEMBER = "529384716203";
  static final Path SAMPLES = Path.of("..", "events-samples", "aws");
  static final Path RESOURCES = SAMPLES.resolve("resources");
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  static final ObjectMapper JSON = new ObjectMapper();

  static final String ECR_TARGET = "AmazonEC2ContainerRegistry_V20150921.";
  static final String WEB_DIGEST =
      "sha256:6c7d8dd1235b084e4d55d8f1f31f466b0c62c679f940d076b2df84923083e167";
  static final String API_DIGEST =
      "sha256:ffa7e3421b61fcd3feb8ec30daac167de2fc1c349bcfd2ed8330f76a0afeb149";
  static final String API2_DIGEST =
      "sha256:6ba4b2e900685b6accea57ab67c0d5c2062b780a4f338ca4fb53944bb9ab43a1";
  static final String FAIL_DIGEST =
      "sha256:9406932d74bcffdb69780ae46ccb77991387181ee46199a10d952145fde76e17";

  final WireMockServer server;
  final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  final List<Finding> written = new ArrayList<>();
  final List<ResourceRef> deleted = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private Duration readTimeout;
  private java.util.function.Supplier<software.amazon.awssdk.retries.api.RetryStrategy> sdkRetries =
      () ->
          AwsRetryStrategy.standardRetryStrategy().toBuilder()
              .maxAttempts(3)
              .backoffStrategy(BackoffStrategy.retryImmediately())
              .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
              .build();
  private AwsFunction function;

  AwsTestbed() {
    this(null);
  }

  /**
   * @param store a model of Security Hub's store answering {@code BatchImportFindings} and {@code
   *     GetFindings} instead of the fixed responses, or null
   */
  AwsTestbed(SecurityHubStore store) {
    WireMockConfiguration options = WireMockConfiguration.options().dynamicPort();
    server = new WireMockServer(store == null ? options : options.extensions(store));
    server.start();
    env.put("AWS_REGION", "eu-west-1");
    env.put("CONTAINERWATCH_ACCOUNT_ID", ACCOUNT);
    env.put("CONTAINERWATCH_CROSS_ACCOUNT_ROLE", "containerwatch-reader");
    env.put("AWS_ENDPOINT_URL", server.baseUrl());
    stubEverything();
    if (store != null) {
      for (MappingBuilder operation : List.of(securityHubImport(), securityHubQuery())) {
        stub(
            operation
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers(SecurityHubStore.NAME)));
      }
    }
  }

  /** A setting of the function, before its first use. */
  AwsTestbed env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    function = null;
    return this;
  }

  /** The HTTP client's read timeout (the default is the client's own, 30 s). */
  AwsTestbed readTimeout(Duration timeout) {
    readTimeout = timeout;
    function = null;
    return this;
  }

  /** The SDK clients' retry strategy (the default: three attempts, no waits). */
  AwsTestbed sdkRetries(
      java.util.function.Supplier<software.amazon.awssdk.retries.api.RetryStrategy> strategy) {
    sdkRetries = strategy;
    function = null;
    return this;
  }

  AwsFunction function() {
    if (function == null) {
      FindingSink collector =
          new FindingSink() {
            @Override
            public void write(List<Finding> findings) {
              written.addAll(findings);
            }

            @Override
            public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
              deleted.add(resource);
            }

            @Override
            public String name() {
              return "collector";
            }
          };
      function =
          AwsFunction.fromEnvironment(
              env,
              readTimeout == null
                  ? UrlConnectionHttpClient.create()
                  : UrlConnectionHttpClient.builder().socketTimeout(readTimeout).build(),
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(
                      "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
              sdkRetries,
              new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10)),
              sleeps::add,
              new Log(logLines::add),
              collector);
    }
    return function;
  }

  /** An event sample's bytes: {@code events-samples/aws/<name>.json}. */
  static byte[] sample(String name) throws IOException {
    return Files.readAllBytes(SAMPLES.resolve(name + ".json"));
  }

  /**
   * The names of the event samples in a folder (without {@code .json}; the {@code .expected.json}
   * goldens left out), sorted; there are at least {@code atLeast}.
   */
  static Stream<String> sampleNames(Path folder, int atLeast) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json") && !n.endsWith(".expected.json"))
              .map(n -> n.substring(0, n.length() - ".json".length()))
              .sorted()
              .collect(Collectors.toList());
      assertThat(names).hasSizeGreaterThanOrEqualTo(atLeast);
      return names.stream();
    }
  }

  /** A sample of a folder through the handler it is for, as Lambda delivers it; the answer. */
  JsonNode invokeSample(Path folder, String name) throws IOException {
    byte[] event = Files.readAllBytes(folder.resolve(name + ".json"));
    return invoke(handlerFor(event), event);
  }

  /** An event through the EventBridge handler; the answer. */
  JsonNode onEventBridge(byte[] event) throws IOException {
    return invoke(new EventBridgeHandler(function()), event);
  }

  /** Feeds raw bytes to a handler as the Lambda Java runtime does; returns its JSON answer. */
  JsonNode invoke(RequestStreamHandler handler, byte[] event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
    return JSON.readTree(out.toByteArray());
  }

  /** The handler a sample file is for, by its content. */
  RequestStreamHandler handlerFor(byte[] event) {
    String text = new String(event, StandardCharsets.UTF_8);
    if (text.contains("\"awslogs\"")) {
      return new CloudWatchLogsHandler(function());
    }
    if (text.contains("\"Records\"")) {
      return new SqsHandler(function());
    }
    return new EventBridgeHandler(function());
  }

  JsonNode writtenJson() {
    return FindingJson.toJson(written);
  }

  // ---- what was asked of Security Hub ----

  /** Security Hub requests in the order they came: operation, signing region and service, body. */
  ArrayNode securityHubRequests() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (ServeEvent e : chronological()) {
      String url = e.getRequest().getUrl();
      String operation =
          url.equals("/findings/import")
              ? "BatchImportFindings"
              : url.equals("/findings") ? "GetFindings" : null;
      if (operation == null) {
        continue;
      }
      ObjectNode r = out.addObject();
      r.put("operation", operation);
      Matcher scope = CREDENTIAL_SCOPE.matcher(e.getRequest().getHeader("Authorization"));
      r.put("signedFor", scope.find() ? scope.group(2) + "/" + scope.group(3) : "unsigned");
      r.set("body", readJson(e.getRequest().getBodyAsString()));
    }
    return out;
  }

  static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=([A-Z0-9]+)/[0-9]{8}/([a-z0-9-]+)/([a-z0-9]+)/aws4_request");

  List<ServeEvent> chronological() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events;
  }

  /** The requests whose URL path is this (and, for POST /, whose X-Amz-Target or body names op). */
  List<ServeEvent> requests(String pathOrOperation) {
    List<ServeEvent> out = new ArrayList<>();
    for (ServeEvent e : chronological()) {
      String url = e.getRequest().getUrl();
      String target = e.getRequest().getHeader("X-Amz-Target");
      String body = e.getRequest().getBodyAsString();
      if (url.split("\\?")[0].equals(pathOrOperation)
          || (target != null && target.endsWith("." + pathOrOperation))
          || (url.equals("/") && body.contains("Action=" + pathOrOperation + "&"))) {
        out.add(e);
      }
    }
    return out;
  }

  static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String path) {
    try {
      return Files.readString(RESOURCES.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- stubs ----

  void stub(MappingBuilder mapping) {
    server.stubFor(mapping);
  }

  /** An answer to a request that wins over the default stubs. */
  void override(MappingBuilder request, ResponseDefinitionBuilder response) {
    stub(request.atPriority(1).willReturn(response));
  }

  /**
   * One step of a scenario that wins over the default stubs: in {@code state} (the first one is
   * {@code Scenario.STARTED}) the request gets {@code response}, and the scenario moves to {@code
   * next} (null: it stays).
   */
  void overrideInScenario(
      MappingBuilder request,
      String scenario,
      String state,
      ResponseDefinitionBuilder response,
      String next) {
    ScenarioMappingBuilder step =
        request.atPriority(1).inScenario(scenario).whenScenarioStateIs(state).willReturn(response);
    stub(next == null ? step : step.willSetStateTo(next));
  }

  /**
   * Answers the request with each response in turn, the last one from then on (a scenario that wins
   * over the default stubs).
   */
  void sequence(
      java.util.function.Supplier<MappingBuilder> request,
      String scenario,
      List<ResponseDefinitionBuilder> answers) {
    for (int i = 0; i < answers.size(); i++) {
      boolean last = i == answers.size() - 1;
      overrideInScenario(
          request.get(),
          scenario,
          i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : scenario + "-" + i,
          answers.get(i),
          last ? null : scenario + "-" + (i + 1));
    }
  }

  /** Security Hub's {@code GetFindings}. */
  static MappingBuilder securityHubQuery() {
    return post(urlPathEqualTo("/findings"));
  }

  /** Security Hub's {@code BatchImportFindings}. */
  static MappingBuilder securityHubImport() {
    return post(urlPathEqualTo("/findings/import"));
  }

  static MappingBuilder ecr(String operation) {
    return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECR_TARGET + operation));
  }

  static ResponseDefinitionBuilder ok(String file, String contentType) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", contentType)
        .withBody(resource(file));
  }

  static ResponseDefinitionBuilder json(String file) {
    return ok(file, "application/json");
  }

  static ResponseDefinitionBuilder ecrJson(String file) {
    return ok(file, "application/x-amz-json-1.1");
  }

  static ResponseDefinitionBuilder ecrError(String file) {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(resource(file));
  }

  private void stubEverything() {
    // EKS (REST JSON)
    for (String cluster : List.of("orders-prod", "payments-prod", "analytics")) {
      stub(
          get(urlPathEqualTo("/clusters/" + cluster))
              .willReturn(json("eks/" + cluster + ".describe-cluster.json")));
      stub(
          get(urlPathEqualTo("/clusters/" + cluster + "/node-groups"))
              .willReturn(json("eks/" + cluster + ".list-nodegroups.json")));
      stub(
          get(urlPathEqualTo("/clusters/" + cluster + "/addons"))
              .willReturn(json("eks/" + cluster + ".list-addons.json")));
    }
    stub(
        get(urlPathEqualTo("/clusters/orders-prod/node-groups/orders-general"))
            .willReturn(json("eks/orders-prod.describe-nodegroup.orders-general.json")));
    for (String addon : List.of("coredns", "vpc-cni")) {
      stub(
          get(urlPathEqualTo("/clusters/orders-prod/addons/" + addon))
              .willReturn(json("eks/orders-prod.describe-addon." + addon + ".json")));
    }
    stub(
        get(urlPathEqualTo("/clusters/legacy-dev"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withHeader(
                        "x-amzn-ErrorType",
                        "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/")
                    .withBody(resource("eks/not-found.json"))));
    stub(get(urlPathEqualTo("/clusters")).willReturn(json("eks/list-clusters.json")));

    // ECR (JSON 1.1)
    stub(ecr("DescribeRepositories").willReturn(ecrJson("ecr/describe-repositories.all.json")));
    stub(
        ecr("DescribeRepositories")
            .withRequestBody(containing("\"repositoryNames\":[\"shop/web\"]"))
            .willReturn(ecrJson("ecr/describe-repositories.shop-web.json")));
    stub(
        ecr("DescribeRepositories")
            .withRequestBody(containing("\"repositoryNames\":[\"shop/legacy\"]"))
            .willReturn(ecrError("ecr/repository-not-found.json")));
    stub(ecr("GetRepositoryPolicy").willReturn(ecrError("ecr/repository-policy-not-found.json")));
    stub(
        ecr("GetRepositoryPolicy")
            .withRequestBody(containing("\"shop/web\""))
            .willReturn(ecrJson("ecr/get-repository-policy.shop-web.json")));
    stub(
        ecr("BatchGetRepositoryScanningConfiguration")
            .withRequestBody(containing("\"shop/web\""))
            .willReturn(ecrJson("ecr/scanning-configuration.shop-web.json")));
    stub(
        ecr("BatchGetRepositoryScanningConfiguration")
            .withRequestBody(containing("\"shop/batch\""))
            .willReturn(ecrJson("ecr/scanning-configuration.shop-batch.json")));
    stub(ecr("DescribeImageScanFindings").willReturn(ecrError("ecr/scan-not-found.json")));
    stub(
        ecr("DescribeImageScanFindings")
            .withRequestBody(containing(WEB_DIGEST))
            .willReturn(ecrJson("ecr/describe-image-scan-findings.shop-web.json")));
    stub(
        ecr("DescribeImageScanFindings")
            .withRequestBody(containing(API_DIGEST))
            .withRequestBody(notContaining("nextToken"))
            .willReturn(ecrJson("ecr/describe-image-scan-findings.shop-api.page-1.json")));
    stub(
        ecr("DescribeImageScanFindings")
            .withRequestBody(containing(API_DIGEST))
            .withRequestBody(containing("nextToken"))
            .willReturn(ecrJson("ecr/describe-image-scan-findings.shop-api.page-2.json")));
    stub(
        ecr("DescribeImageScanFindings")
            .withRequestBody(containing(API2_DIGEST))
            .willReturn(ecrJson("ecr/describe-image-scan-findings.shop-api-3.3.0.json")));
    stub(
        ecr("ListImages")
            .withRequestBody(containing("\"shop/web\""))
            .willReturn(ecrJson("ecr/list-images.shop-web.json")));

    // STS (query protocol, XML)
    stub(
        post(urlPathEqualTo("/"))
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(ok("sts/assume-role.xml", "text/xml")));

    // Security Hub (REST JSON)
    stub(
        post(urlPathEqualTo("/findings/import"))
            .willReturn(json("securityhub/batch-import-findings.ok.json")));
    stub(
        post(urlPathEqualTo("/findings/import"))
            .withRequestBody(containing(FAIL_DIGEST))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Service Unavailable\"}")));
    stub(
        post(urlPathEqualTo("/findings"))
            .atPriority(9)
            .willReturn(aResponse().withStatus(200).withBody("{\"Findings\":[]}")));
    Map<String, String> byResource =
        Map.of(
            "arn:aws:ecr:eu-west-1:418273645091:repository/shop/web/sha256:8cce6b5317e9ac54ca00cdf56f0f00ee81185b4da7494dea0ca57bb33e3957bf",
                "image-shop-web-old",
            "arn:aws:eks:eu-west-1:418273645091:cluster/legacy-dev", "legacy-dev-cluster",
            "arn:aws:eks:eu-west-1:418273645091:cluster/legacy-dev/k8s/", "legacy-dev-objects",
            "arn:aws:eks:eu-west-1:418273645091:cluster/legacy-dev/k8s/jobs/Deployment.apps/report-runner",
                "legacy-dev-objects",
            "arn:aws:eks:eu-west-1:418273645091:cluster/orders-prod/k8s/shop/Deployment.apps/legacy-worker",
                "orders-prod-legacy-worker",
            "arn:aws:ecr:eu-west-1:418273645091:repository/shop/legacy/", "shop-legacy-images",
            "arn:aws:ecr:eu-west-1:418273645091:repository/shop/legacy/sha256:a657432188122afb797ed1ff7eb06da3b6bb9a6e376af7f98d64c21449e2d6db",
                "shop-legacy-images");
    byResource.forEach(
        (id, file) ->
            stub(
                post(urlPathEqualTo("/findings"))
                    .atPriority(1)
                    .withRequestBody(matchingJsonPath("$.Filters.ResourceId[0].Value", equalTo(id)))
                    .willReturn(json("securityhub/get-findings." + file + ".json"))));
    stub(
        post(urlPathEqualTo("/findings"))
            .atPriority(2)
            .withRequestBody(containing("containerwatch/ResourceAccount"))
            .withRequestBody(notContaining("\"ResourceId\""))
            .withRequestBody(notContaining("NextToken"))
            .willReturn(json("securityhub/get-findings.sweep.page-1.json")));
    stub(
        post(urlPathEqualTo("/findings"))
            .atPriority(2)
            .withRequestBody(containing("containerwatch/ResourceAccount"))
            .withRequestBody(notContaining("\"ResourceId\""))
            .withRequestBody(containing("NextToken"))
            .willReturn(json("securityhub/get-findings.sweep.page-2.json")));
  }

  @Override
  public void close() {
    server.stop();
  }

  /** The Lambda context the runtime passes (nothing in the handlers reads it). */
  static final class TestContext implements com.amazonaws.services.lambda.runtime.Context {
    @Override
    public String getAwsRequestId() {
      return "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/containerwatch";
    }

    @Override
    public String getLogStreamName() {
      return "2025/11/29/[$LATEST]6f1c2a8e93b44d7ea5c12b8f0e9d7a34";
    }

    @Override
    public String getFunctionName() {
      return "containerwatch";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:418273645091:function:containerwatch";
    }

    @Override
    public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 300_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
      return new com.amazonaws.services.lambda.runtime.LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
      };
    }
  }
}
