package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.Doc;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed reading of one source format's JSON for the parsers of this package. Every failure is an
 * {@link InvalidInputException} whose one-line message starts with the format's name and names the
 * path of the offending value ({@code Trivy report: Results[2].Vulnerabilities[0] has no
 * VulnerabilityID}, {@code ECR scan findings: imageScanFindings.findings[3] has no name}), so that
 * a wrong type never surfaces as a ClassCastException or a silently empty value.
 *
 * <p>A value is addressed in one of two ways, with the same checks and messages: by its parent, its
 * field's name and the parent's path, for parsers that build their paths themselves; or by a {@link
 * Doc}, which carries its path. What the AWS formats share beyond this (their date forms, ARNs, ECR
 * registry hosts) is in {@link Aws}.
 */
final class SourceJson {
  /**
   * The {@code fixedVersion} of a vulnerability whose scanner says a fix exists without naming the
   * version (Defender's {@code fixStatus: FixAvailable} with an empty {@code fixedVersion}, Qualys'
   * {@code patchable}, a Trivy {@code fixed} status without {@code FixedVersion}). The model tells
   * fix availability by a non-blank {@code fixedVersion}; the parentheses keep it from being read
   * as a version.
   */
  static final String UNSPECIFIED_FIX = "(unspecified)";

  /**
   * A registry reference as Docker accepts it: optional host[:port]/, lower-case path components,
   * optional :tag and @sha256 digest. Used to tell an image name from a file path in scanners'
   * "what was scanned" fields.
   */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?/)?"
              + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?");

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  /**
   * A number in a string as {@link #number(Doc)} and {@link Aws}'s dates read it: decimal digits,
   * an optional minus, fraction and exponent.
   */
  static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /** Most severe first, UNKNOWN last (the enum's order), then by id, package and version. */
  private static final Comparator<Vulnerability> ORDER =
      Comparator.comparing(Vulnerability::severity)
          .thenComparing(Vulnerability::id)
          .thenComparing(
              Vulnerability::packageName, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              Vulnerability::installedVersion, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final String source;
  private final String root;

  /**
   * @param source the format's name as messages start with it ({@code Trivy report})
   */
  SourceJson(String source) {
    this(source, "the document");
  }

  /**
   * @param source the format's name as messages start with it ({@code ECR scan findings})
   * @param root what messages call the document itself ({@code the response})
   */
  SourceJson(String source, String root) {
    this.source = source;
    this.root = root;
  }

  InvalidInputException fail(String message) {
    return new InvalidInputException(source + ": " + message);
  }

  /** {@code path.field}, or {@code field} at the root. */
  static String at(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** How a message names the node at {@code path}: the document itself by its name. */
  private String where(String path) {
    return path.isEmpty() ? root : path;
  }

  /** How a message names a node. */
  String where(Doc node) {
    return where(node.path());
  }

  /** A field's value, or null when it is absent or JSON null. */
  private static JsonNode value(JsonNode parent, String field) {
    JsonNode v = parent == null ? null : parent.get(field);
    return v == null || v.isNull() ? null : v;
  }

  /** A node's value, or null when it is absent or JSON null. */
  private static JsonNode value(Doc node) {
    return node.isAbsent() ? null : node.node();
  }

  // ---- The checks, whichever way the value was reached ----

  private JsonNode checkObject(JsonNode v, String path) {
    if (v != null && !v.isObject()) {
      throw fail(where(path) + " is not an object");
    }
    return v;
  }

  private JsonNode checkArray(JsonNode v, String path) {
    if (v != null && !v.isArray()) {
      throw fail(where(path) + " is not an array");
    }
    return v;
  }

  private String checkText(JsonNode v, String path) {
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw fail(where(path) + " is not a string");
    }
    String s = v.textValue().strip();
    return s.isEmpty() ? null : s;
  }

  private InvalidInputException missing(String parentPath, String field) {
    return fail(where(parentPath) + " has no " + field);
  }

  /** The value of a field that must be there: {@code <parent> has no <field>} when it is null. */
  private <T> T require(T value, String parentPath, String field) {
    if (value == null) {
      throw missing(parentPath, field);
    }
    return value;
  }

  /** The failure for a field that must be there: {@code <parent> has no <field>}. */
  InvalidInputException missing(Doc parent, String field) {
    return missing(parent.path(), field);
  }

  // ---- By parent, field and the parent's path ----

  /** An object field, or null when absent or null; fails when it is another type. */
  JsonNode object(JsonNode parent, String field, String path) {
    return checkObject(value(parent, field), at(path, field));
  }

  /** An object field that must be there. */
  JsonNode requiredObject(JsonNode parent, String field, String path) {
    return require(object(parent, field, path), path, field);
  }

  /** An array field, or null when absent or null; fails when it is another type. */
  JsonNode array(JsonNode parent, String field, String path) {
    return checkArray(value(parent, field), at(path, field));
  }

  /**
   * A string field, or null when absent, null or empty (proto3 JSON and Go omit or blank unset
   * strings alike); fails when it is a number, boolean or container.
   */
  String text(JsonNode parent, String field, String path) {
    return checkText(value(parent, field), at(path, field));
  }

  /** A string field that must be there and not be blank. */
  String requiredText(JsonNode parent, String field, String path) {
    return require(text(parent, field, path), path, field);
  }

  /**
   * A number field, or null when absent or null. A numeric string is accepted too, in any form Java
   * reads: proto3 JSON writes 64-bit integers and non-finite floats ({@code "NaN"}) as strings.
   */
  Double number(JsonNode parent, String field, String path) {
    JsonNode v = value(parent, field);
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.valueOf(v.textValue().strip());
      } catch (NumberFormatException e) {
        // falls through to the type error below
      }
    }
    throw fail(at(path, field) + " is not a number");
  }

  /** A boolean field, or null when absent or null; fails when it is another type. */
  Boolean bool(JsonNode parent, String field, String path) {
    JsonNode v = value(parent, field);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw fail(at(path, field) + " is not a boolean");
    }
    return v.booleanValue();
  }

  /**
   * A time field (RFC 3339, with {@code Z} or an offset, any fraction of a second), or null when
   * absent. Go writes {@code 2025-11-03T10:12:44.123456789+01:00}, .NET seven fraction digits.
   */
  Instant instant(JsonNode parent, String field, String path) {
    String s = text(parent, field, path);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw fail(at(path, field) + " '" + s + "' is not an RFC 3339 timestamp");
    }
  }

  /** The texts of an array field of strings (null when absent); fails on a non-string element. */
  List<String> texts(JsonNode parent, String field, String path) {
    JsonNode a = array(parent, field, path);
    List<String> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      JsonNode e = a.get(i);
      if (!e.isTextual()) {
        throw fail(at(path, field) + "[" + i + "] is not a string");
      }
      if (!e.textValue().isBlank()) {
        out.add(e.textValue().strip());
      }
    }
    return out;
  }

  // ---- By Doc ----

  /** The node when it is an object or absent (absent reads as an empty object); else an error. */
  Doc object(Doc node) {
    checkObject(value(node), node.path());
    return node;
  }

  /** The elements of an array; none when absent or null; an error for any other type. */
  List<Doc> array(Doc node) {
    return checkArray(value(node), node.path()) == null ? List.of() : node.items();
  }

  /** The array's elements, each of which must be an object. */
  List<Doc> objects(Doc node) {
    List<Doc> out = new ArrayList<>();
    for (Doc item : array(node)) {
      out.add(object(item));
    }
    return out;
  }

  /** A string; empty when absent, null or blank; an error for any other type. */
  Optional<String> string(Doc node) {
    return Optional.ofNullable(checkText(value(node), node.path()));
  }

  /** A string field that must be there: {@code <parent> has no <field>} otherwise. */
  String required(Doc parent, String field) {
    return string(parent.get(field)).orElseThrow(() -> missing(parent, field));
  }

  /** An array of strings (image tags); null and blank elements are skipped. */
  List<String> strings(Doc node) {
    List<String> out = new ArrayList<>();
    for (Doc item : array(node)) {
      string(item).ifPresent(out::add);
    }
    return out;
  }

  /**
   * A number: JSON numbers, and strings holding a {@link #DECIMAL} (ECR basic scanning writes
   * {@code CVSS3_SCORE} as {@code "9.8"}; Security Hub's {@code ProductFields} are all strings).
   * Stricter than {@link #number(JsonNode, String, String)}, and the message quotes a string.
   */
  Optional<Double> number(Doc node) {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    JsonNode n = node.node();
    if (n.isNumber()) {
      return Optional.of(n.doubleValue());
    }
    if (n.isTextual() && DECIMAL.matcher(n.textValue().strip()).matches()) {
      return Optional.of(Double.parseDouble(n.textValue().strip()));
    }
    throw fail(
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
    throw fail(where(node) + " is not a count (" + node.describe() + ")");
  }

  /** A manifest digest, which must be {@code sha256:} and 64 lower-case hex digits. */
  Optional<String> digest(Doc node) {
    Optional<String> value = string(node);
    if (value.isPresent() && !isDigest(value.get())) {
      throw fail(where(node) + " '" + value.get() + "' is not a sha256 digest");
    }
    return value;
  }

  static boolean isDigest(String value) {
    return value != null && SHA256.matcher(value).matches();
  }

  /** The text of a top-level string field for format recognition, "" otherwise; never throws. */
  static String peek(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.textValue() : "";
  }

  // ---- Vulnerabilities and images ----

  /**
   * A CVSS base score as the model keeps it: one decimal, as the CVSS specification rounds (this
   * also drops float artefacts such as proto3's {@code 9.800000190734863}). Zero means "not scored"
   * in every source here (proto3 and Go omit or zero an unset score), so it gives null.
   */
  Double score(Double raw, String path) {
    if (raw == null || raw == 0.0) {
      return null;
    }
    if (raw.isNaN() || raw < 0.0 || raw > 10.0) {
      throw fail(path + " " + raw + " is not a CVSS score");
    }
    return Math.round(raw * 10.0) / 10.0;
  }

  /** {@link ImageRef#parse} with the failure naming where the reference came from. */
  ImageRef image(String reference, String path) {
    try {
      return ImageRef.parse(reference);
    } catch (InvalidInputException e) {
      throw fail(path + ": " + e.getMessage());
    }
  }

  /**
   * True when a "what was scanned" value names a registry image rather than a file: scanners put
   * the archive's path there for {@code --input image.tar} or {@code oci-archive:} scans.
   */
  static boolean looksLikeReference(String value) {
    if (value == null || value.startsWith("/") || value.startsWith(".")) {
      return false;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tar") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
      return false;
    }
    return REFERENCE.matcher(value).matches();
  }

  /**
   * The scanned image from a scanner's own name for it and the image's {@code RepoTags} / {@code
   * RepoDigests} (Trivy's {@code Metadata}, Grype's {@code source.target}), the same way for both:
   *
   * <ol>
   *   <li>the scanner's name, when it is a reference and (if the image has tags or digests at all)
   *       one of them is of the same repository;
   *   <li>otherwise the first tag, or else the first digest reference: the scan was of an archive
   *       or by image id, and the tags say what the image is;
   *   <li>the digest: the reference's own, or else that of the repository digest of the same
   *       repository (a tag scan of {@code shop.azurecr.io/web:2.1} has {@code
   *       shop.azurecr.io/web@sha256:...} there). Without one the report names the image by tag.
   * </ol>
   *
   * @return null when nothing names an image
   */
  ImageRef resolveImage(
      String scannedName,
      String scannedPath,
      List<String> tags,
      String tagsPath,
      List<String> digests,
      String digestsPath) {
    List<ImageRef> tagRefs = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      tagRefs.add(image(tags.get(i), tagsPath + "[" + i + "]"));
    }
    List<ImageRef> digestRefs = new ArrayList<>();
    for (int i = 0; i < digests.size(); i++) {
      ImageRef d = image(digests.get(i), digestsPath + "[" + i + "]");
      if (d.digest() == null) {
        throw fail(digestsPath + "[" + i + "] '" + digests.get(i) + "' has no digest");
      }
      digestRefs.add(d);
    }
    ImageRef ref = looksLikeReference(scannedName) ? image(scannedName, scannedPath) : null;
    if (ref != null && !(tagRefs.isEmpty() && digestRefs.isEmpty())) {
      String name = ref.name();
      boolean listed =
          tagRefs.stream().anyMatch(t -> t.name().equals(name))
              || digestRefs.stream().anyMatch(d -> d.name().equals(name));
      if (!listed) {
        ref = null;
      }
    }
    if (ref == null) {
      if (!tagRefs.isEmpty()) {
        ref = tagRefs.get(0);
      } else if (!digestRefs.isEmpty()) {
        ref = digestRefs.get(0);
      } else if (looksLikeReference(scannedName)) {
        ref = image(scannedName, scannedPath);
      } else {
        return null;
      }
    }
    if (ref.digest() == null) {
      String name = ref.name();
      for (ImageRef d : digestRefs) {
        if (d.name().equals(name)) {
          return ref.withDigest(d.digest());
        }
      }
    }
    return ref;
  }

  /**
   * The vulnerabilities of one report as every parser here hands them over: one per (id, package,
   * installed version), the first occurrence kept (a scanner lists a package again for each file it
   * was found in, or once per matcher), most severe first.
   */
  static List<Vulnerability> finish(Collection<Vulnerability> found) {
    Map<List<String>, Vulnerability> unique = new LinkedHashMap<>();
    for (Vulnerability v : found) {
      List<String> key = new ArrayList<>(3);
      key.add(v.id());
      key.add(v.packageName());
      key.add(v.installedVersion());
      unique.putIfAbsent(key, v);
    }
    List<Vulnerability> out = new ArrayList<>(unique.values());
    out.sort(ORDER);
    return out;
  }

  /**
   * Reports of a multi-image source in a stable order: by registry and repository, then identity,
   * then scanner.
   */
  static List<VulnerabilityReport> sorted(Collection<VulnerabilityReport> reports) {
    List<VulnerabilityReport> out = new ArrayList<>(reports);
    out.sort(
        Comparator.comparing((VulnerabilityReport r) -> r.image().name())
            .thenComparing(r -> r.image().canonical())
            .thenComparing(r -> r.scanner().key()));
    return out;
  }
}
