package dev.containerwatch.aws.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.aws.loaders.AwsResources;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.catalog.Category;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.ContainerList;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A finding in the AWS Security Finding Format, as {@code BatchImportFindings} takes it. See the
 * module README for the field-by-field mapping; in short:
 *
 * <ul>
 *   <li>{@code Id} {@code containerwatch/<rule id>/<finding id hex>}: stable, so every write is an
 *       upsert; {@code GeneratorId} the rule id; {@code ProductArn} the account's default custom
 *       integration in the resource's region.
 *   <li>{@code Compliance.Status}: FAILED, PASSED, NOT_AVAILABLE (not applicable, unknown), the
 *       reason in {@code StatusReasons}; {@code RecordState} ACTIVE, ARCHIVED for a deleted
 *       resource.
 *   <li>{@code Severity.Label} the recommendation's severity when FAILED, INFORMATIONAL otherwise
 *       (as Security Hub's own controls do); {@code Original} is the catalog's severity.
 *   <li>The four times are the triggering event's time.
 * </ul>
 */
public final class Asff {
  static final String SCHEMA_VERSION = "2018-10-08";
  static final String PREFIX = "containerwatch/";
  static final String FIELD_RULE = PREFIX + "RuleId";
  static final String FIELD_CATALOG = PREFIX + "CatalogVersion";
  static final String FIELD_STATUS = PREFIX + "Status";
  static final String FIELD_RESOURCE_TYPE = PREFIX + "ResourceType";
  static final String FIELD_RESOURCE_ID = PREFIX + "ResourceId";
  static final String FIELD_RESOURCE_ACCOUNT = PREFIX + "ResourceAccount";
  static final String FIELD_FINDING_ID = PREFIX + "FindingId";
  static final String FIELD_SUBJECT = PREFIX + "Subject";

  static final String TYPE_STANDARDS =
      "Software and Configuration Checks/Industry and Regulatory Standards/Microsoft Defender for Cloud container recommendations";
  static final String TYPE_CVE = "Software and Configuration Checks/Vulnerabilities/CVE";

  /** How many vulnerabilities an image finding lists (the worst first). */
  static final int MAX_VULNERABILITIES = 100;

  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_REMEDIATION = 512;
  static final int MAX_REASON = 2048;
  static final int MAX_CONTAINERS = 10;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Asff() {}

  /** ASFF's time format: RFC 3339 in UTC with milliseconds. */
  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  public static String findingId(Finding f) {
    return PREFIX + f.ruleId() + "/" + f.id().hex();
  }

  public static String productArn(AwsScope where) {
    return "arn:"
        + where.partition()
        + ":securityhub:"
        + where.region()
        + ":"
        + where.account()
        + ":product/"
        + where.account()
        + "/default";
  }

  /**
   * @param snapshot what was evaluated (for the resource's details), or null
   * @param importer the function's account, in the resource's region: where the finding is written
   */
  public static ObjectNode finding(
      Finding f, Snapshot snapshot, AwsScope importer, String catalogVersion) {
    Recommendation r = f.recommendation();
    ResourceRef resource = f.resource();
    ObjectNode o = F.objectNode();
    o.put("SchemaVersion", SCHEMA_VERSION);
    o.put("Id", findingId(f));
    o.put("ProductArn", productArn(importer));
    o.put("ProductName", "containerwatch");
    o.put("CompanyName", "containerwatch");
    o.put("GeneratorId", f.ruleId());
    o.put("AwsAccountId", importer.account());
    String type = r.category() == Category.VULNERABILITY_ASSESSMENT ? TYPE_CVE : TYPE_STANDARDS;
    o.putArray("Types").add(type);
    String time = time(f.observedAt());
    o.put("FirstObservedAt", time);
    o.put("LastObservedAt", time);
    o.put("CreatedAt", time);
    o.put("UpdatedAt", time);
    String label = f.status() == Status.FAILED ? r.severity().effective().name() : "INFORMATIONAL";
    o.putObject("Severity").put("Label", label).put("Original", r.severity().label());
    ObjectNode provider = o.putObject("FindingProviderFields");
    provider.putObject("Severity").put("Label", label).put("Original", r.severity().label());
    provider.putArray("Types").add(type);
    o.put("Title", cut(r.title(), MAX_TITLE));
    o.put("Description", cut(f.reason() + " | " + r.description(), MAX_DESCRIPTION));
    o.putObject("Remediation")
        .putObject("Recommendation")
        .put("Text", cut(r.remediation(), MAX_REMEDIATION));

    ObjectNode fields = o.putObject("ProductFields");
    fields.put(FIELD_RULE, f.ruleId());
    fields.put(FIELD_CATALOG, catalogVersion);
    fields.put(FIELD_STATUS, f.status().name());
    fields.put(FIELD_RESOURCE_TYPE, resource.type().nativeName());
    fields.put(FIELD_RESOURCE_ID, resource.canonicalId());
    AwsResources.scopeOf(resource).ifPresent(s -> fields.put(FIELD_RESOURCE_ACCOUNT, s.account()));
    fields.put(FIELD_FINDING_ID, f.id().hex());
    if (f.subject() != null) {
      fields.put(FIELD_SUBJECT, f.subject());
    }

    o.set("Resources", resources(f, snapshot));

    ObjectNode compliance = o.putObject("Compliance");
    compliance.put("Status", compliance(f.status()));
    compliance
        .putArray("StatusReasons")
        .addObject()
        .put("ReasonCode", f.status().name())
        .put("Description", cut(f.reason() == null ? f.status().name() : f.reason(), MAX_REASON));
    o.put("RecordState", "ACTIVE");

    if (f.status() == Status.FAILED
        && snapshot != null
        && resource.type() == ResourceType.IMAGE_SCAN) {
      ArrayNode vulnerabilities = vulnerabilities(snapshot);
      if (!vulnerabilities.isEmpty()) {
        o.set("Vulnerabilities", vulnerabilities);
      }
    }
    return o;
  }

  static String compliance(Status status) {
    switch (status) {
      case FAILED:
        return "FAILED";
      case PASSED:
        return "PASSED";
      default:
        return "NOT_AVAILABLE";
    }
  }

  private static ArrayNode resources(Finding f, Snapshot snapshot) {
    ResourceRef ref = f.resource();
    ArrayNode out = F.arrayNode();
    ObjectNode main = out.addObject();
    String region = AwsResources.scopeOf(ref).map(AwsScope::region).orElse(null);
    String partition = AwsResources.scopeOf(ref).map(AwsScope::partition).orElse("aws");
    JsonNode doc = snapshot == null ? null : snapshot.document();
    switch (ref.type()) {
      case EKS_CLUSTER:
        main.put("Type", "AwsEksCluster");
        common(main, AwsResources.securityHubId(ref), partition, region);
        if (doc != null) {
          main.putObject("Details").set("AwsEksCluster", eksDetails(doc));
        }
        break;
      case ECR_REPOSITORY:
        main.put("Type", "AwsEcrRepository");
        common(main, AwsResources.securityHubId(ref), partition, region);
        if (doc != null) {
          main.putObject("Details").set("AwsEcrRepository", ecrDetails(doc));
        }
        break;
      case IMAGE_SCAN:
        imageResource(main, ref, partition, region, doc);
        break;
      case KUBERNETES_OBJECT:
        kubernetesResources(out, main, ref, partition, region, doc);
        break;
      default:
        main.put("Type", "Other");
        common(main, ref.canonicalId(), partition, region);
    }
    return out;
  }

  private static void common(ObjectNode resource, String id, String partition, String region) {
    resource.put("Id", cut(id, 512));
    resource.put("Partition", partition);
    if (region != null) {
      resource.put("Region", region);
    }
  }

  private static ObjectNode eksDetails(JsonNode c) {
    ObjectNode d = F.objectNode();
    copyText(c, "name", d, "Name");
    copyText(c, "arn", d, "Arn");
    copyText(c, "createdAt", d, "CreatedAt");
    copyText(c, "version", d, "Version");
    copyText(c, "roleArn", d, "RoleArn");
    copyText(c, "status", d, "Status");
    JsonNode vpc = c.path("resourcesVpcConfig");
    if (vpc.isObject()) {
      ObjectNode v = d.putObject("ResourcesVpcConfig");
      copyArray(vpc, "subnetIds", v, "SubnetIds");
      copyArray(vpc, "securityGroupIds", v, "SecurityGroupIds");
      if (vpc.path("endpointPublicAccess").isBoolean()) {
        v.put("EndpointPublicAccess", vpc.get("endpointPublicAccess").booleanValue());
      }
    }
    JsonNode logging = c.path("logging").path("clusterLogging");
    if (logging.isArray()) {
      ArrayNode groups = d.putObject("Logging").putArray("ClusterLogging");
      for (JsonNode g : logging) {
        ObjectNode group = groups.addObject();
        copyArray(g, "types", group, "Types");
        if (g.path("enabled").isBoolean()) {
          group.put("Enabled", g.get("enabled").booleanValue());
        }
      }
    }
    return d;
  }

  private static ObjectNode ecrDetails(JsonNode r) {
    ObjectNode d = F.objectNode();
    copyText(r, "repositoryArn", d, "Arn");
    copyText(r, "repositoryName", d, "RepositoryName");
    copyText(r, "imageTagMutability", d, "ImageTagMutability");
    JsonNode scanning = r.path("imageScanningConfiguration");
    if (scanning.path("scanOnPush").isBoolean()) {
      d.putObject("ImageScanningConfiguration")
          .put("ScanOnPush", scanning.get("scanOnPush").booleanValue());
    }
    copyText(r, "policyText", d, "RepositoryPolicyText");
    return d;
  }

  private static void imageResource(
      ObjectNode main, ResourceRef ref, String partition, String region, JsonNode doc) {
    ImageRef image;
    try {
      image = ImageRef.parse(ref.id());
    } catch (RuntimeException e) {
      main.put("Type", "Other");
      common(main, ref.canonicalId(), partition, region);
      return;
    }
    boolean ecr = AwsResources.ecrScope(image).isPresent();
    main.put("Type", ecr ? "AwsEcrContainerImage" : "Container");
    common(main, AwsResources.securityHubId(ref), partition, region);
    ObjectNode details = main.putObject("Details");
    String tag = doc == null ? image.tag() : doc.path("image").path("tag").asText(image.tag());
    if (ecr) {
      ObjectNode d = details.putObject("AwsEcrContainerImage");
      d.put("RegistryId", AwsResources.ecrScope(image).get().account());
      d.put("RepositoryName", image.repository());
      if (image.digest() != null) {
        d.put("ImageDigest", image.digest());
      }
      if (tag != null) {
        d.putArray("ImageTags").add(tag);
      }
    } else {
      ObjectNode d = details.putObject("Container");
      d.put("ImageName", image.name() + (tag == null ? "" : ":" + tag));
      if (image.digest() != null) {
        d.put("ImageId", image.digest());
      }
    }
  }

  private static void kubernetesResources(
      ArrayNode out,
      ObjectNode main,
      ResourceRef ref,
      String partition,
      String region,
      JsonNode doc) {
    main.put("Type", "Other");
    common(main, ref.canonicalId(), partition, region);
    ObjectNode other = main.putObject("Details").putObject("Other");
    other.put("Cluster", cut(AwsResources.clusterIdOf(ref.id()), 1024));
    if (doc == null) {
      return;
    }
    KubernetesObject object = KubernetesObject.of(doc);
    other.put("Kind", object.kind());
    other.put("Namespace", object.namespace());
    other.put("Name", object.name());
    if (!object.runsPods() || object.podTemplate().isEmpty()) {
      return;
    }
    int n = 0;
    for (Container c : object.podTemplate().get().containers(EnumSet.allOf(ContainerList.class))) {
      if (n++ >= MAX_CONTAINERS) {
        break;
      }
      ObjectNode container = out.addObject();
      container.put("Type", "Container");
      common(container, ref.canonicalId() + "/containers/" + c.name(), partition, region);
      ObjectNode d = container.putObject("Details").putObject("Container");
      d.put("Name", c.name());
      if (c.image() != null) {
        d.put("ImageName", cut(c.image(), 512));
      }
      if (c.securityContext().get("privileged").isTrue()) {
        d.put("Privileged", true);
      }
    }
  }

  private static ArrayNode vulnerabilities(Snapshot snapshot) {
    ArrayNode out = F.arrayNode();
    VulnerabilityReport report;
    try {
      report = VulnerabilityReport.fromJson(snapshot.document());
    } catch (RuntimeException e) {
      return out;
    }
    List<Vulnerability> sorted = new ArrayList<>(report.vulnerabilities());
    sorted.sort(
        Comparator.comparing(Vulnerability::severity)
            .thenComparing(v -> v.cvss() == null ? 0.0 : -v.cvss())
            .thenComparing(Vulnerability::id));
    String vendor = vendor(report);
    for (Vulnerability v : sorted.subList(0, Math.min(MAX_VULNERABILITIES, sorted.size()))) {
      ObjectNode o = out.addObject();
      o.put("Id", v.id());
      ObjectNode pkg = o.putArray("VulnerablePackages").addObject();
      if (v.packageName() != null) {
        pkg.put("Name", v.packageName());
      }
      if (v.installedVersion() != null) {
        pkg.put("Version", v.installedVersion());
      }
      if (v.fixedVersion() != null) {
        pkg.put("FixedInVersion", v.fixedVersion());
      }
      if (v.cvss() != null) {
        o.putArray("Cvss").addObject().put("BaseScore", v.cvss());
      }
      o.putObject("Vendor").put("Name", vendor).put("VendorSeverity", v.severity().name());
      if (v.fixedVersion() != null) {
        o.put("FixAvailable", "YES");
      } else if (report.scanner() != dev.containerwatch.vulnerabilities.Scanner.ECR_BASIC) {
        // ECR basic scanning reports no fixed versions at all: whether a fix exists is unknown.
        o.put("FixAvailable", "NO");
      }
    }
    return out;
  }

  private static String vendor(VulnerabilityReport report) {
    switch (report.scanner()) {
      case AMAZON_INSPECTOR:
        return "Amazon Inspector";
      case ECR_BASIC:
        return "Amazon ECR basic scanning";
      default:
        return report.scanner().key();
    }
  }

  private static void copyText(JsonNode from, String field, ObjectNode to, String name) {
    JsonNode v = from.path(field);
    if (v.isTextual()) {
      to.put(name, v.textValue());
    }
  }

  private static void copyArray(JsonNode from, String field, ObjectNode to, String name) {
    JsonNode v = from.path(field);
    if (v.isArray()) {
      ArrayNode a = to.putArray(name);
      v.forEach(item -> a.add(item.asText()));
    }
  }

  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  /**
   * The archived copy of a finding Security Hub holds: the provider's own attributes kept, {@code
   * RecordState} ARCHIVED, {@code UpdatedAt} the deletion's time.
   */
  static ObjectNode archived(JsonNode stored, Instant time) {
    ObjectNode o = F.objectNode();
    for (String field :
        List.of(
            "SchemaVersion",
            "Id",
            "ProductArn",
            "ProductName",
            "CompanyName",
            "GeneratorId",
            "AwsAccountId",
            "Types",
            "FirstObservedAt",
            "LastObservedAt",
            "CreatedAt",
            "Title",
            "Description",
            "Remediation",
            "Resources",
            "Compliance",
            "FindingProviderFields",
            "Vulnerabilities")) {
      if (stored.has(field)) {
        o.set(field, stored.get(field));
      }
    }
    o.put("UpdatedAt", time(time));
    JsonNode label = stored.path("FindingProviderFields").path("Severity").path("Label");
    o.putObject("Severity")
        .put(
            "Label",
            label.isTextual()
                ? label.asText()
                : stored.path("Severity").path("Label").asText("INFORMATIONAL"));
    ObjectNode fields = o.putObject("ProductFields");
    for (Map.Entry<String, JsonNode> e : stored.path("ProductFields").properties()) {
      if (!e.getKey().startsWith("aws/")) {
        fields.set(e.getKey(), e.getValue());
      }
    }
    o.put("RecordState", "ARCHIVED");
    return o;
  }
}
