package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.Doc;
import dev.containerwatch.vulnerabilities.ImageRef;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the AWS formats share beyond {@link SourceJson}'s typed reading: the several date forms AWS
 * emits, ARNs, region names and ECR registry hosts.
 */
final class Aws {
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  // us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ap-southeast-5.
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  /**
   * Inspector's EventBridge events and the console write dates for people ({@code "Dec 3, 2021,
   * 6:02:30 PM"}, UTC); CloudTrail's ECR responses drop the second comma ({@code "Jul 11, 2018
   * 10:17:44 PM"}).
   */
  private static final List<DateTimeFormatter> HUMAN_DATES =
      List.of(human("MMM d, uuuu, h:mm:ss a"), human("MMM d, uuuu h:mm:ss a"));

  private Aws() {}

  /**
   * A date in any of the forms AWS emits: epoch seconds as a JSON number (the SDKs' and CLI's
   * {@code 1732871234.0}; a value above 10<sup>11</sup> can only be epoch milliseconds, as some
   * serializers write, and is read so), the same as a string, ISO-8601 with {@code Z} or an offset
   * ({@code 2025-06-09T07:08:40.144000+00:00}, the CLI v2), ISO-8601 without a zone (read as UTC),
   * and the human form of Inspector's events ({@code Dec 3, 2021, 6:02:30 PM}, UTC).
   *
   * @param json the format's reader, for the message when the value is no date
   */
  static Optional<Instant> time(SourceJson json, Doc node) {
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
      throw json.fail(
          json.where(node) + (n.isTextual() ? " '" + n.textValue() + "'" : "") + " is not a date");
    }
    return Optional.of(parsed);
  }

  static Instant parseTime(String raw) {
    // Java 20+ and some consoles put a narrow no-break space before AM/PM.
    String s = raw.strip().replace('\u202f', ' ').replace('\u00a0', ' ');
    if (SourceJson.DECIMAL.matcher(s).matches()) {
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
   * The registry host of an account's private ECR registry in a region: {@code
   * <account>.dkr.ecr.<region>.amazonaws.com}, with {@code .cn} in the China regions (their
   * partition's domain).
   *
   * @param json the format's reader, for the message when the account or region is malformed
   */
  static String ecrHost(SourceJson json, String account, String region) {
    if (!ACCOUNT.matcher(account).matches()) {
      throw json.fail("registry '" + account + "' is not a 12-digit AWS account id");
    }
    if (!isRegion(region)) {
      throw json.fail("region '" + region + "' is not an AWS region name");
    }
    return account
        + ".dkr.ecr."
        + region
        + ".amazonaws.com"
        + (region.startsWith("cn-") ? ".cn" : "");
  }

  /**
   * An image in an account's private ECR registry in a region ({@link #ecrHost}), with the first of
   * its tags, if any, and its digest.
   */
  static ImageRef ecrImage(
      SourceJson json,
      String account,
      String region,
      String repository,
      List<String> tags,
      String digest) {
    return new ImageRef(
        ecrHost(json, account, region), repository, tags.isEmpty() ? null : tags.get(0), digest);
  }

  static boolean isRegion(String region) {
    return region != null && REGION.matcher(region).matches();
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
