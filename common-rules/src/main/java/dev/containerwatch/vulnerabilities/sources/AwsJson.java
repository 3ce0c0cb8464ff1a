package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.Doc;
import dev.containerwatch.vulnerabilities.ScanState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict reading of the AWS documents the parsers take: every wrong type, missing identity or
 * unreadable date becomes one {@link InvalidInputException} whose message starts with the format's
 * name and names the path ({@code ECR scan findings: imageScanFindings.findings[3] has no name}).
 *
 * <p>Also the pieces the AWS formats share: the several date forms AWS emits, ARNs, ECR registry
 * hosts and the ECR scan statuses.
 */
final class AwsJson {
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  // us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ap-southeast-5.
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
  private static final Pattern EPOCH = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /**
   * Inspector's EventBridge events and the console write dates for people ({@code "Dec 3, 2021,
   * 6:02:30 PM"}, UTC); CloudTrail's ECR responses drop the second comma ({@code "Jul 11, 2018
   * 10:17:44 PM"}).
   */
  private static final List<DateTimeFormatter> HUMAN_DATES =
      List.of(human("MMM d, uuuu, h:mm:ss a"), human("MMM d, uuuu h:mm:ss a"));

  private final String format;
  private final String root;

  /**
   * @param format the name of the format, first in every message ("ECR scan findings")
   * @param root what the document is called when a top-level field is missing ("the response")
   */
  AwsJson(String format, String root) {
    this.format = format;
    this.root = root;
  }

  InvalidInputException error(String message) {
    return new InvalidInputException(format + ": " + message);
  }

  /** The path of a node for messages; the document itself by its name. */
  String where(Doc node) {
    return node.path().isEmpty() ? root : node.path();
  }

  /** The node when it is an object or absent (absent reads as an empty object); else an error. */
  Doc object(Doc node) {
    if (node.isPresent() && !node.node().isObject()) {
      throw error(where(node) + " is not an object");
    }
    return node;
  }

  /** The elements of an array; none when absent or null; an error for any other type. */
  List<Doc> array(Doc node) {
    if (node.isAbsent()) {
      return List.of();
    }
    if (!node.node().isArray()) {
      throw error(where(node) + " is not an array");
    }
    return node.items();
  }

  /** The array's elements, each of which must be an object. */
  List<Doc> objects(Doc node) {
    List<Doc> out = new ArrayList<>();
    for (Doc item : array(node)) {
      out.add(object(item));
    }
    return out;
  }

  /** A string; empty when absent, null or {@code ""}; an error for any other type. */
  Optional<String> string(Doc node) {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    if (!node.node().isTextual()) {
      throw error(where(node) + " is not a string");
    }
    String text = node.node().textValue().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A string field that must be there: {@code <parent> has no <field>} otherwise. */
  String required(Doc parent, String field) {
    return string(parent.get(field)).orElseThrow(() -> error(where(parent) + " has no " + field));
  }

  /** An array of strings (image tags). */
  List<String> strings(Doc node) {
    List<String> out = new ArrayList<>();
    for (Doc item : array(node)) {
      string(item).ifPresent(out::add);
    }
    return out;
  }

  /**
   * A number: JSON numbers, and numeric strings (ECR basic scanning writes {@code CVSS3_SCORE} as
   * {@code "9.8"}; Security Hub's {@code ProductFields} are all strings).
   */
  Optional<Double> number(Doc node) {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    JsonNode n = node.node();
    if (n.isNumber()) {
      return Optional.of(n.doubleValue());
    }
    if (n.isTextual() && EPOCH.matcher(n.textValue().strip()).matches()) {
      return Optional.of(Double.parseDouble(n.textValue().strip()));
    }
    throw error(
        where(node) + (n.isTextual() ? " '" + n.textValue() + "'" : "") + " is not a number");
  }

  /** A count of findings: a non-negative integer. */
  Optional<Integer> count(Doc node) {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    JsonNode n = node.node();
    if (n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 0) {
      return Optional.of(n.intValue());
    }
    throw error(where(node) + " is not a count (" + node.describe() + ")");
  }

  /**
   * A date in any of the forms AWS emits: epoch seconds as a JSON number (the SDKs' and CLI's
   * {@code 1732871234.0}; a value above 10<sup>11</sup> can only be epoch milliseconds, as some
   * serializers write, and is read so), the same as a string, ISO-8601 with {@code Z} or an offset
   * ({@code 2025-06-09T07:08:40.144000+00:00}, the CLI v2), ISO-8601 without a zone (read as UTC),
   * and the human form of Inspector's events ({@code Dec 3, 2021, 6:02:30 PM}, UTC).
   */
  Optional<Instant> time(Doc node) {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    JsonNode n = node.node();
    Instant parsed = null;
    if (n.isNumber()) {
      parsed = epoch(n.decimalValue());
    } else if (n.isTextual()) {
      parsed = parseTime(n.textValue());
    }
    if (parsed == null) {
      throw error(
          where(node) + (n.isTextual() ? " '" + n.textValue() + "'" : "") + " is not a date");
    }
    return Optional.of(parsed);
  }

  /** A manifest digest, which must be {@code sha256:} and 64 lower-case hex digits. */
  Optional<String> digest(Doc node) {
    Optional<String> value = string(node);
    if (value.isPresent() && !SHA256.matcher(value.get()).matches()) {
      throw error(where(node) + " '" + value.get() + "' is not a sha256 digest");
    }
    return value;
  }

  /**
   * The registry host of an account's private ECR registry in a region: {@code
   * <account>.dkr.ecr.<region>.amazonaws.com}, with {@code .cn} in the China regions (their
   * partition's domain).
   */
  String ecrHost(String account, String region) {
    if (!ACCOUNT.matcher(account).matches()) {
      throw error("registry '" + account + "' is not a 12-digit AWS account id");
    }
    if (!isRegion(region)) {
      throw error("region '" + region + "' is not an AWS region name");
    }
    return account
        + ".dkr.ecr."
        + region
        + ".amazonaws.com"
        + (region.startsWith("cn-") ? ".cn" : "");
  }

  static boolean isRegion(String region) {
    return region != null && REGION.matcher(region).matches();
  }

  static boolean isDigest(String value) {
    return value != null && SHA256.matcher(value).matches();
  }

  /** The text of a top-level string field for format recognition, "" otherwise; never throws. */
  static String peek(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.textValue() : "";
  }

  static Instant parseTime(String raw) {
    // Java 20+ and some consoles put a narrow no-break space before AM/PM.
    String s = raw.strip().replace('\u202f', ' ').replace('\u00a0', ' ');
    if (EPOCH.matcher(s).matches()) {
      return epoch(new BigDecimal(s));
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // Not ISO with a zone; the other forms follow.
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // Not ISO without a zone either.
    }
    for (DateTimeFormatter f : HUMAN_DATES) {
      try {
        return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // Try the next human form.
      }
    }
    return null;
  }

  private static Instant epoch(BigDecimal value) {
    // More than 20 integer digits is no date, and scaling such a value (1e999999999) is costly.
    if (value.precision() - value.scale() > 20) {
      return null;
    }
    try {
      BigDecimal seconds =
          value.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0
              ? value.movePointLeft(3)
              : value;
      long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (ArithmeticException | DateTimeException e) {
      return null;
    }
  }

  private static DateTimeFormatter human(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.US)
        // Strict: "Feb 30" is an error, not Feb 28.
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * ECR's {@code imageScanStatus.status} (the {@code ScanStatus} enum of the ECR API, also the
   * {@code scan-status} of the {@code ECR Image Scan} event) as a scan state, or null when the
   * value is not one ECR documents.
   *
   * <ul>
   *   <li>{@code COMPLETE} (basic scan done; enhanced scan-on-push done) and {@code ACTIVE}
   *       (enhanced continuous scanning: the image is monitored and its findings are current):
   *       COMPLETE.
   *   <li>{@code IN_PROGRESS} and {@code PENDING} (enhanced: waiting for its first scan): PENDING,
   *       a result will follow by itself.
   *   <li>{@code UNSUPPORTED_IMAGE} (operating system, package manager or media type not
   *       supported): UNSUPPORTED.
   *   <li>{@code IMAGE_ARCHIVED}: UNSUPPORTED, because ECR cannot scan an image in the archive
   *       storage class (its {@code ImageArchivedException}) until it is restored; it is a property
   *       of the image, not a fault of the scan.
   *   <li>{@code FAILED}: FAILED.
   *   <li>{@code SCAN_ELIGIBILITY_EXPIRED}: FAILED. The enhanced re-scan duration lapsed: Inspector
   *       no longer monitors the image and schedules its findings for closure, so no current result
   *       exists and nothing will come by itself (a push or pull, or a longer duration, is needed).
   *       Reading the leftover list as COMPLETE would soon show a vulnerable image as clean.
   *   <li>{@code FINDINGS_UNAVAILABLE}: FAILED, there is no result to read.
   *   <li>{@code LIMIT_EXCEEDED}: FAILED, the scan was refused by one of ECR's scan quotas (such as
   *       basic scanning's one scan of an image per 24 hours) and is not queued.
   * </ul>
   */
  static ScanState ecrScanState(String status) {
    switch (status) {
      case "COMPLETE":
      case "ACTIVE":
        return ScanState.COMPLETE;
      case "IN_PROGRESS":
      case "PENDING":
        return ScanState.PENDING;
      case "UNSUPPORTED_IMAGE":
      case "IMAGE_ARCHIVED":
        return ScanState.UNSUPPORTED;
      case "FAILED":
      case "SCAN_ELIGIBILITY_EXPIRED":
      case "FINDINGS_UNAVAILABLE":
      case "LIMIT_EXCEEDED":
        return ScanState.FAILED;
      default:
        return null;
    }
  }

  /**
   * The parts of an ARN ({@code arn:partition:service:region:account:resource}), or null when the
   * text is not one.
   */
  record Arn(String partition, String service, String region, String account, String resource) {
    static Arn parse(String text) {
      if (text == null) {
        return null;
      }
      String[] parts = text.split(":", 6);
      if (parts.length < 6 || !parts[0].equals("arn")) {
        return null;
      }
      return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    /**
     * For an ECR ARN: the repository name and, for an image ARN ({@code
     * repository/<name>/sha256:<hex>}, as Inspector names images), the digest.
     */
    String[] ecrRepositoryAndDigest() {
      if (!service.equals("ecr") || !resource.startsWith("repository/")) {
        return null;
      }
      String rest = resource.substring("repository/".length());
      int at = rest.lastIndexOf("/sha256:");
      if (at >= 0) {
        return new String[] {rest.substring(0, at), rest.substring(at + 1)};
      }
      return new String[] {rest, null};
    }
  }
}
