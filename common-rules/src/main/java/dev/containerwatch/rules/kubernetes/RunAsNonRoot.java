package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Doc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * "Running containers as root user should be avoided" (Azure Policy
 * f06ddb64-5fa3-4b77-b166-acb36f7f6042, "Kubernetes cluster pods and containers should only run
 * with approved user and group IDs", template {@code k8sazurev3allowedusersgroups}).
 *
 * <p>For each container, initContainer and ephemeralContainer (Windows-selected pods skipped,
 * {@code excludedContainers} and {@code excludedImages} applied), each of {@code runAsUser}, {@code
 * runAsGroup}, {@code supplementalGroups} and {@code fsGroup} is read from the container's {@code
 * securityContext} when set there (including {@code 0} and {@code false}), otherwise from the pod's
 * {@code securityContext}, and checked against its rule:
 *
 * <ul>
 *   <li>{@code runAsUserRule} {@code MustRunAsNonRoot}: fails when the effective runAsUser is 0, or
 *       when it is not set and the effective {@code runAsNonRoot} is not true. The precedence is
 *       per field, so a container's {@code runAsNonRoot: true} wins over the pod's {@code false},
 *       and a container's {@code false} over the pod's {@code true} (which then fails). {@code
 *       runAsUser: 0} with {@code runAsNonRoot: true} fails.
 *   <li>{@code MustRunAs}: the value must be set and inside one of the ranges; {@code MayRunAs}:
 *       when set, it must be inside one; {@code RunAsAny}: not checked. {@code supplementalGroups}
 *       is checked entry by entry. A range is {@code min <= v <= max}, {@code max: -1} meaning no
 *       upper bound.
 * </ul>
 *
 * <p>Parameters, under the definition's names with Defender's (MCSB) values as defaults: {@code
 * runAsUserRule} {@code MustRunAsNonRoot} (or {@code MustRunAs}, {@code RunAsAny}) with {@code
 * runAsUserRanges} {@code {ranges: []}}; {@code runAsGroupRule} {@code MustRunAs}, {@code
 * supplementalGroupsRule} and {@code fsGroupRule} {@code MayRunAs} (each also {@code MustRunAs} or
 * {@code RunAsAny}), each with {@code *Ranges} {@code {ranges: [{min: 1, max: -1}]}}. Rule names
 * and ranges are checked when the configuration loads.
 *
 * <p>With these defaults a container needs a non-root user <em>and</em> a runAsGroup of at least 1
 * (on the container or the pod): {@code runAsNonRoot: true} alone fails on runAsGroup. That is
 * stricter than the recommendation's remediation text, but it is what Defender reports.
 *
 * <p>Deliberate choices:
 *
 * <ul>
 *   <li>Pod-level values are inherited for every workload kind, not only for Pods. The template
 *       falls back to the pod's {@code securityContext} only when the object under review is a Pod,
 *       so a Deployment evaluated as such would not inherit. But Defender's constraint matches Pods
 *       only: in a cluster it evaluates the Pods the controller creates, whose pod-level {@code
 *       securityContext} is the template's and whose kind is Pod. A pod template is therefore
 *       evaluated as the Pod it becomes, which reproduces Defender's results for the workload.
 *   <li>A JSON {@code null} or an empty list counts as not set: the API server drops both, so
 *       Defender never sees them.
 *   <li>A value that is not an integer (which the API server would reject) is a fault.
 * </ul>
 */
public final class RunAsNonRoot extends PodRule {
  private static final List<String> USER_RULES =
      List.of("MustRunAs", "MustRunAsNonRoot", "RunAsAny");
  private static final List<String> GROUP_RULES = List.of("MustRunAs", "MayRunAs", "RunAsAny");

  /** The group fields, in the order the template checks them. */
  private static final List<String> GROUP_FIELDS =
      List.of("runAsGroup", "supplementalGroups", "fsGroup");

  /**
   * {@code <field>Rule} and {@code <field>Ranges} per group field, made once: evaluation is hot.
   */
  private static final Map<String, String> RULE_KEYS = keys("Rule");

  private static final Map<String, String> RANGES_KEYS = keys("Ranges");

  private static Map<String, String> keys(String suffix) {
    Map<String, String> keys = new HashMap<>();
    GROUP_FIELDS.forEach(f -> keys.put(f, f + suffix));
    return Map.copyOf(keys);
  }

  public RunAsNonRoot() {
    super("k8s.run-as-non-root", MCSB_EXCLUDED_NAMESPACES, ALL_CONTAINERS, true, true, true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    List<ParameterSpec> specs = new ArrayList<>();
    specs.add(
        ParameterSpec.string(
                "runAsUserRule",
                "MustRunAsNonRoot",
                "MustRunAsNonRoot, MustRunAs (within runAsUserRanges) or RunAsAny")
            .checkedBy(v -> ruleProblem(v, USER_RULES)));
    specs.add(
        ParameterSpec.object(
                "runAsUserRanges",
                IdRange.json(List.of()),
                "{ranges: [{min, max}]} for MustRunAs; max -1 is unbounded")
            .checkedBy(IdRange::problemWith));
    for (String field : GROUP_FIELDS) {
      specs.add(
          ParameterSpec.string(
                  field + "Rule",
                  // Defender's values: a group is required, the others are checked when set.
                  field.equals("runAsGroup") ? "MustRunAs" : "MayRunAs",
                  "MustRunAs (set and within "
                      + field
                      + "Ranges), MayRunAs (within when set) or"
                      + " RunAsAny")
              .checkedBy(v -> ruleProblem(v, GROUP_RULES)));
      specs.add(
          ParameterSpec.object(
                  field + "Ranges",
                  IdRange.json(List.of(new IdRange(1, -1))),
                  "{ranges: [{min, max}]} of allowed " + field + " IDs; max -1 is unbounded")
              .checkedBy(IdRange::problemWith));
    }
    return specs;
  }

  private static String ruleProblem(JsonNode value, List<String> rules) {
    return rules.contains(value.asText())
        ? null
        : "must be one of " + String.join(", ", rules) + ", got '" + value.asText() + "'";
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    return perContainer(
        containers,
        c -> {
          List<String> faults = new ArrayList<>();
          checkUser(c, pod, p, faults);
          for (String field : GROUP_FIELDS) {
            checkGroup(field, c, pod, p, faults);
          }
          return faults.isEmpty() ? null : String.join("; ", faults);
        },
        passReason(p));
  }

  private static void checkUser(Container c, PodTemplate pod, RuleParameters p, List<String> out) {
    String rule = p.string("runAsUserRule");
    if (rule.equals("RunAsAny")) {
      return;
    }
    Effective user = Effective.of("runAsUser", c, pod);
    if (user.isSet()) {
      OptionalLong uid = integer(user.value());
      if (uid.isEmpty()) {
        out.add(user.describe("runAsUser") + ", not an integer");
      } else if (rule.equals("MustRunAsNonRoot")) {
        if (uid.getAsLong() == 0) {
          out.add(user.describe("runAsUser") + ": MustRunAsNonRoot forbids user 0");
        }
      } else {
        List<IdRange> ranges =
            p.derived("runAsUserRanges", q -> IdRange.parse(q.node("runAsUserRanges")));
        if (!IdRange.anyContains(ranges, uid.getAsLong())) {
          out.add(user.describe("runAsUser") + ", outside runAsUserRanges " + IdRange.show(ranges));
        }
      }
      return;
    }
    if (rule.equals("MustRunAs")) {
      out.add("runAsUser is not set (MustRunAs requires it)");
      return;
    }
    // MustRunAsNonRoot without a user ID: only an effective runAsNonRoot: true saves it.
    Effective nonRoot = Effective.of("runAsNonRoot", c, pod);
    if (nonRoot.isSet() && nonRoot.value().isTrue()) {
      return;
    }
    String requirement = "MustRunAsNonRoot requires runAsNonRoot: true or a non-zero runAsUser";
    out.add(
        nonRoot.isSet()
            ? "runAsUser is not set and " + nonRoot.describe("runAsNonRoot") + ": " + requirement
            : "runAsUser and runAsNonRoot are not set (" + requirement + ")");
  }

  private static void checkGroup(
      String field, Container c, PodTemplate pod, RuleParameters p, List<String> out) {
    String rule = p.string(RULE_KEYS.get(field));
    if (rule.equals("RunAsAny")) {
      return;
    }
    Effective value = Effective.of(field, c, pod);
    if (!value.isSet()) {
      if (rule.equals("MustRunAs")) {
        out.add(field + " is not set (MustRunAs requires it)");
      }
      return;
    }
    String rangesKey = RANGES_KEYS.get(field);
    List<IdRange> ranges = p.derived(rangesKey, q -> IdRange.parse(q.node(rangesKey)));
    // Only failures need the allowed ranges spelled out; passing is the hot path.
    Supplier<String> allowed = () -> rangesKey + " " + IdRange.show(ranges);
    if (value.value().node().isArray()) {
      // supplementalGroups: every entry must be inside a range.
      List<String> outside = new ArrayList<>();
      for (Doc entry : value.value().items()) {
        OptionalLong id = integer(entry);
        if (id.isEmpty() || !IdRange.anyContains(ranges, id.getAsLong())) {
          outside.add(entry.describe());
        }
      }
      if (!outside.isEmpty()) {
        out.add(
            value.describe(field)
                + ": "
                + String.join(", ", outside)
                + (outside.size() == 1 ? " is" : " are")
                + " outside "
                + allowed.get());
      }
      return;
    }
    OptionalLong id = integer(value.value());
    if (id.isEmpty()) {
      out.add(value.describe(field) + ", not an integer");
    } else if (!IdRange.anyContains(ranges, id.getAsLong())) {
      out.add(value.describe(field) + ", outside " + allowed.get());
    }
  }

  private static OptionalLong integer(Doc value) {
    JsonNode n = value.node();
    return n.isIntegralNumber() && n.canConvertToLong()
        ? OptionalLong.of(n.longValue())
        : OptionalLong.empty();
  }

  private static String passReason(RuleParameters p) {
    return p.derived("passReason", RunAsNonRoot::describeRules);
  }

  private static String describeRules(RuleParameters p) {
    StringBuilder s = new StringBuilder("every container's user and group IDs are allowed: ");
    String userRule = p.string("runAsUserRule");
    s.append("runAsUser ").append(userRule);
    if (userRule.equals("MustRunAs")) {
      s.append(' ')
          .append(
              IdRange.show(
                  p.derived("runAsUserRanges", q -> IdRange.parse(q.node("runAsUserRanges")))));
    }
    for (String field : GROUP_FIELDS) {
      String rule = p.string(field + "Rule");
      s.append(", ").append(field).append(' ').append(rule);
      if (!rule.equals("RunAsAny")) {
        s.append(' ')
            .append(
                IdRange.show(
                    p.derived(field + "Ranges", q -> IdRange.parse(q.node(field + "Ranges")))));
      }
    }
    return s.toString();
  }

  /**
   * A field's effective value for a container and where it came from.
   *
   * @param value the value, or null when neither the container nor the pod sets it
   * @param source how reasons name where it was read ({@code container securityContext})
   */
  private record Effective(Doc value, String source) {

    static Effective of(String field, Container c, PodTemplate pod) {
      Doc own = c.securityContext().get(field);
      Doc podLevel = pod.securityContext().get(field);
      String podPath = pod.specPath() + ".securityContext";
      if (isSet(own)) {
        String source = "container securityContext";
        if (isSet(podLevel) && !podLevel.node().equals(own.node())) {
          // Say so when the container hides a pod value: precedence is what confuses readers.
          source += ", overriding " + podLevel.describe() + " in " + podPath;
        }
        return new Effective(own, source);
      }
      if (isSet(podLevel)) {
        return new Effective(podLevel, podPath);
      }
      return new Effective(null, null);
    }

    /** The API server drops nulls and empty lists, so Defender never sees them. */
    private static boolean isSet(Doc d) {
      return d.isPresent() && !(d.node().isArray() && d.node().isEmpty());
    }

    boolean isSet() {
      return value != null;
    }

    /** {@code runAsUser is 0 (container securityContext)}. */
    String describe(String field) {
      return field + " is " + value.describe() + " (" + source + ")";
    }
  }

  /**
   * One range of IDs of a {@code *Ranges} parameter, {@code min <= id <= max}; {@code max == -1}
   * has no upper bound.
   */
  record IdRange(long min, long max) {

    boolean contains(long id) {
      return id >= min && (max == -1 || id <= max);
    }

    static boolean anyContains(List<IdRange> ranges, long id) {
      return ranges.stream().anyMatch(r -> r.contains(id));
    }

    /** The ranges of a valid parameter value {@code {ranges: [{min, max}, ...]}}. */
    static List<IdRange> parse(JsonNode value) {
      List<IdRange> out = new ArrayList<>();
      for (JsonNode r : value.path("ranges")) {
        out.add(new IdRange(r.path("min").asLong(), r.path("max").asLong()));
      }
      return out;
    }

    static ObjectNode json(List<IdRange> ranges) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      ArrayNode array = root.putArray("ranges");
      for (IdRange r : ranges) {
        array.addObject().put("min", r.min).put("max", r.max);
      }
      return root;
    }

    /** How reasons show ranges: {@code [1..65535, 100000..unbounded]}. */
    static String show(List<IdRange> ranges) {
      if (ranges.isEmpty()) {
        return "[] (no range configured)";
      }
      List<String> parts = new ArrayList<>();
      for (IdRange r : ranges) {
        parts.add(r.min + ".." + (r.max == -1 ? "unbounded" : String.valueOf(r.max)));
      }
      return "[" + String.join(", ", parts) + "]";
    }

    /** Why a parameter value is not {@code {ranges: [{min, max}, ...]}} with sane bounds. */
    static String problemWith(JsonNode value) {
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (!e.getKey().equals("ranges")) {
          return "unknown key '" + e.getKey() + "': the value is {ranges: [{min, max}, ...]}";
        }
      }
      JsonNode ranges = value.path("ranges");
      if (!ranges.isArray()) {
        return "needs a list 'ranges' of {min, max}";
      }
      for (int i = 0; i < ranges.size(); i++) {
        JsonNode r = ranges.get(i);
        String where = "ranges[" + i + "]";
        if (!r.isObject()
            || !r.path("min").isIntegralNumber()
            || !r.path("max").isIntegralNumber()
            || !r.path("min").canConvertToLong()
            || !r.path("max").canConvertToLong()) {
          return where + " must be {min: <integer>, max: <integer>}";
        }
        long min = r.get("min").asLong();
        long max = r.get("max").asLong();
        if (max != -1 && min > max) {
          return where + ": min " + min + " is above max " + max + " (max -1 means unbounded)";
        }
      }
      return null;
    }
  }
}
