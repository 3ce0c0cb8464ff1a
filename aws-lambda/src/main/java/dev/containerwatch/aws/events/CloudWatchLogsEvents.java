package dev.containerwatch.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.documents.Json;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.Change;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A CloudWatch Logs subscription event ({@code {"awslogs": {"data": <base64 of gzip>}}}) of an EKS
 * cluster's control-plane log group, {@code /aws/eks/<cluster>/cluster}. Only the {@code
 * kube-apiserver-audit-*} streams are read: each log event's message is one {@code audit.k8s.io/v1}
 * event, handed to {@link AuditEvents}, which takes out the created and changed objects. Deletions
 * ({@code delete} of a whole object, completed with 2xx) are taken here, by the object's reference,
 * so that its findings are archived; a Pod made by a controller is evaluated through its controller
 * and its deletion is skipped.
 *
 * <p>The payload says the log group's account ({@code owner}), not its region: a subscription
 * delivers to a function in the log group's own region, which is the function's.
 */
public final class CloudWatchLogsEvents {
  private static final Pattern LOG_GROUP = Pattern.compile("/aws/eks/([^/]+)/cluster");

  /** Decompressed payloads larger than this are refused (CloudWatch sends at most 1 MB gzip). */
  static final int MAX_DECOMPRESSED = 64 * 1024 * 1024;

  private CloudWatchLogsEvents() {}

  /**
   * @param functionRegion the region of the log group (the function's own)
   * @throws InvalidInputException when the payload is malformed
   */
  public static AwsWork parse(JsonNode input, String functionRegion) {
    JsonNode payload = decode(input);
    String messageType = payload.path("messageType").asText("");
    if (messageType.equals("CONTROL_MESSAGE")) {
      return new AwsWork.Ignore(null, "CloudWatch Logs control message (subscription check)");
    }
    if (!messageType.equals("DATA_MESSAGE")) {
      throw new InvalidInputException("CloudWatch Logs: unknown messageType '" + messageType + "'");
    }
    String logGroup = payload.path("logGroup").asText("");
    String logStream = payload.path("logStream").asText("");
    Matcher m = LOG_GROUP.matcher(logGroup);
    if (!m.matches()) {
      throw new InvalidInputException(
          "CloudWatch Logs: log group '"
              + logGroup
              + "' is not an EKS control-plane log group (/aws/eks/<cluster>/cluster)");
    }
    if (!logStream.startsWith("kube-apiserver-audit")) {
      return new AwsWork.Ignore(
          null, "log stream " + logStream + " is not a kube-apiserver-audit stream");
    }
    AwsScope scope = new AwsScope(payload.path("owner").asText(""), functionRegion);
    String clusterArn = scope.eksClusterArn(m.group(1));

    List<JsonNode> events = new ArrayList<>();
    Instant latest = null;
    for (JsonNode logEvent : payload.path("logEvents")) {
      String message = logEvent.path("message").asText("");
      events.addAll(AuditEvents.parse(message));
      if (logEvent.path("timestamp").canConvertToLong()) {
        Instant t = Instant.ofEpochMilli(logEvent.get("timestamp").asLong());
        latest = latest == null || t.isAfter(latest) ? t : latest;
      }
    }
    AuditEvents.Extraction extraction = AuditEvents.extract(events);
    List<AwsWork.KubernetesChange> changes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (AuditEvents.ChangedObject o : extraction.objects()) {
      Instant time = o.time() != null ? o.time() : latest;
      changes.add(new AwsWork.KubernetesChange(o.object(), null, time, o.auditId()));
    }
    for (String reason : extraction.skipped()) {
      if (!reason.contains("verb 'delete'")) {
        skipped.add(reason);
      }
    }
    for (JsonNode event : events) {
      if (event.path("verb").asText("").equals("delete")) {
        deletion(event, clusterArn, latest, changes, skipped);
      }
    }
    if (latest == null) {
      // No log event has a timestamp: the objects' own times, if any, date the change.
      latest =
          changes.stream()
              .map(AwsWork.KubernetesChange::time)
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(null);
      if (latest == null && !changes.isEmpty()) {
        throw new InvalidInputException(
            "CloudWatch Logs: neither the log events nor the audit events say when the change was");
      }
      latest = latest == null ? Instant.EPOCH : latest;
    }
    ResourceRef cluster =
        new ResourceRef(
            ResourceType.EKS_CLUSTER, clusterArn, scope.account(), scope.region(), m.group(1));
    return new AwsWork.KubernetesObjects(
        new Change(
            Change.Kind.KUBERNETES_OBJECT, cluster, latest, payload.path("logStream").asText("")),
        clusterArn,
        changes,
        skipped);
  }

  private static void deletion(
      JsonNode event,
      String clusterArn,
      Instant fallback,
      List<AwsWork.KubernetesChange> changes,
      List<String> skipped) {
    String id = event.path("auditID").asText("(no auditID)");
    if (!event.path("stage").asText("").equals("ResponseComplete")) {
      return;
    }
    JsonNode ref = event.path("objectRef");
    int code = event.path("responseStatus").path("code").asInt(0);
    if (code < 200 || code > 299 || !ref.path("subresource").asText("").isEmpty()) {
      skipped.add(id + ": delete did not remove a whole object");
      return;
    }
    String kind = AuditEvents.kindOf(ref.path("resource").asText(""));
    String name = ref.path("name").asText("");
    if (kind == null || name.isEmpty()) {
      skipped.add(id + ": delete of " + ref.path("resource").asText("?") + " is not evaluated");
      return;
    }
    JsonNode response = event.path("responseObject");
    if (KubernetesObject.looksLikeObject(response)) {
      String controller = KubernetesSnapshots.controllerOf(KubernetesObject.of(response));
      if (controller != null) {
        skipped.add(id + ": deleted " + kind + " " + name + " was made by " + controller);
        return;
      }
    } else if (kind.equals("Pod")) {
      skipped.add(
          id + ": deleted Pod " + name + " is not logged with its object (its owner is unknown)");
      return;
    }
    String objectId = AuditEvents.reference(clusterArn, ref).id();
    changes.add(new AwsWork.KubernetesChange(null, objectId, timeOf(event, fallback), id));
  }

  private static Instant timeOf(JsonNode event, Instant fallback) {
    try {
      return Instant.parse(event.path("stageTimestamp").asText(""));
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  /** The JSON inside {@code awslogs.data}. */
  static JsonNode decode(JsonNode input) {
    JsonNode data = input == null ? null : input.path("awslogs").path("data");
    if (data == null || !data.isTextual()) {
      throw new InvalidInputException("CloudWatch Logs: no awslogs.data");
    }
    byte[] gzip;
    try {
      gzip = Base64.getDecoder().decode(data.textValue().strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("CloudWatch Logs: awslogs.data is not base64");
    }
    byte[] json;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      json = readBounded(in);
    } catch (IOException e) {
      throw new InvalidInputException(
          "CloudWatch Logs: awslogs.data is not gzip: " + e.getMessage());
    }
    try {
      JsonNode payload = Json.read(json);
      if (payload == null || !payload.isObject()) {
        throw new InvalidInputException("CloudWatch Logs: the payload is not a JSON object");
      }
      return payload;
    } catch (IOException e) {
      throw new InvalidInputException("CloudWatch Logs: the payload is not JSON");
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_DECOMPRESSED) {
        throw new InvalidInputException(
            "CloudWatch Logs: the payload decompresses to more than "
                + MAX_DECOMPRESSED
                + " bytes");
      }
    }
    return out.toByteArray();
  }
}
