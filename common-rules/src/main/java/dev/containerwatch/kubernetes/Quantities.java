package dev.containerwatch.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1.5Gi}) read the way the Azure
 * Policy container-limits template reads them, so that a limit this parser rejects is exactly one
 * the template reports as "could not be parsed", and comparisons agree with its {@code >}.
 *
 * <p>CPU, in millicores:
 *
 * <ul>
 *   <li>a YAML/JSON number is cores: {@code 2} is 2000, {@code 0.5} is 500;
 *   <li>a string ending in {@code m} is millicores: every {@code m} is removed and the rest is read
 *       as a decimal floating-point literal (the template's {@code to_number}, Go's {@code
 *       ParseFloat}): {@code "500m"} is 500, {@code "0.5m"} is 0.5, {@code "1e3m"} is 1000 and, as
 *       in the template, {@code "-100m"} is -100;
 *   <li>any other string must be digits with an optional decimal part ({@code "2"}, {@code "0.5"})
 *       and is cores. Exponents ({@code "1e3"}), signs and spaces are not parsed.
 * </ul>
 *
 * <p>Memory, in milli-bytes (so that the milli-byte suffix {@code m}, which Kubernetes accepts, is
 * a whole number):
 *
 * <ul>
 *   <li>a YAML/JSON number is bytes;
 *   <li>a string is digits with an optional decimal part followed by one suffix or none: decimal
 *       {@code k M G T P E}, binary {@code Ki Mi Gi Ti Pi Ei}, milli {@code m}. The suffix is taken
 *       from the end of the string and, as in the template, every occurrence of it is removed
 *       before the digits are read. Exponent forms such as {@code "129e6"}, which Kubernetes
 *       accepts, are <em>not</em> parsed by the template and so not here; neither are {@code K}
 *       (upper case) and signs.
 * </ul>
 *
 * <p>Two differences with the template, both about values the Kubernetes API server rejects anyway:
 * Go's {@code ParseFloat} also reads hexadecimal floats ({@code "0x1p4m"}), which are not read
 * here; and a JSON {@code null} is not a quantity here (the caller treats it as not set).
 */
public final class Quantities {
  /** Digits with an optional fraction: the template's {@code ^[0-9]+(\.[0-9]+)?$}. */
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  /** What Go's {@code strconv.ParseFloat} reads in base 10 (the template's {@code to_number}). */
  private static final Pattern GO_FLOAT =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  /** Memory suffixes and their factor in milli-bytes. */
  private static final Map<String, BigDecimal> MEMORY_SUFFIXES =
      Map.ofEntries(
          Map.entry("m", BigDecimal.ONE),
          Map.entry("", THOUSAND),
          Map.entry("k", new BigDecimal("1e6")),
          Map.entry("M", new BigDecimal("1e9")),
          Map.entry("G", new BigDecimal("1e12")),
          Map.entry("T", new BigDecimal("1e15")),
          Map.entry("P", new BigDecimal("1e18")),
          Map.entry("E", new BigDecimal("1e21")),
          Map.entry("Ki", binary(10)),
          Map.entry("Mi", binary(20)),
          Map.entry("Gi", binary(30)),
          Map.entry("Ti", binary(40)),
          Map.entry("Pi", binary(50)),
          Map.entry("Ei", binary(60)));

  private Quantities() {}

  private static BigDecimal binary(int power) {
    return new BigDecimal(java.math.BigInteger.TWO.pow(power)).multiply(THOUSAND);
  }

  /** A CPU quantity in millicores; empty when it cannot be parsed. */
  public static Optional<BigDecimal> cpuMillicores(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return number(value);
    }
    return value.isTextual() ? cpuMillicores(value.textValue()) : Optional.empty();
  }

  /** A CPU quantity written as a string, in millicores; empty when it cannot be parsed. */
  public static Optional<BigDecimal> cpuMillicores(String value) {
    if (value.endsWith("m")) {
      // The template strips every "m", not only the suffix: "5mm" reads as 5 millicores.
      return goFloat(value.replace("m", ""));
    }
    if (DECIMAL.matcher(value).matches()) {
      return Optional.of(new BigDecimal(value).multiply(THOUSAND));
    }
    return Optional.empty();
  }

  /** A memory quantity in milli-bytes; empty when it cannot be parsed. */
  public static Optional<BigDecimal> memoryMilliBytes(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return number(value);
    }
    return value.isTextual() ? memoryMilliBytes(value.textValue()) : Optional.empty();
  }

  /** A memory quantity written as a string, in milli-bytes; empty when it cannot be parsed. */
  public static Optional<BigDecimal> memoryMilliBytes(String value) {
    String suffix = memorySuffix(value);
    // As in the template, every occurrence of the suffix is removed, not only the last one.
    String digits = suffix.isEmpty() ? value : value.replace(suffix, "");
    if (!DECIMAL.matcher(digits).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(digits).multiply(MEMORY_SUFFIXES.get(suffix)));
  }

  /** The suffix the template recognises at the end of a memory string, or "". */
  private static String memorySuffix(String value) {
    if (value.length() >= 2 && MEMORY_SUFFIXES.containsKey(value.substring(value.length() - 2))) {
      return value.substring(value.length() - 2);
    }
    if (!value.isEmpty() && MEMORY_SUFFIXES.containsKey(value.substring(value.length() - 1))) {
      return value.substring(value.length() - 1);
    }
    return "";
  }

  /** A YAML/JSON number times 1000; YAML's {@code .inf} and {@code .nan} are not quantities. */
  private static Optional<BigDecimal> number(JsonNode value) {
    if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
      return Optional.empty();
    }
    return Optional.of(value.decimalValue().multiply(THOUSAND));
  }

  /** A base-10 literal as Go's ParseFloat reads it; out of float64 range is an error there too. */
  private static Optional<BigDecimal> goFloat(String text) {
    if (!GO_FLOAT.matcher(text).matches() || Double.isInfinite(Double.parseDouble(text))) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }

  /**
   * Why a {@code cpuLimit} parameter is not a usable maximum, or null: it must parse, and not be
   * negative (the template would then fail every container).
   */
  public static String cpuLimitProblem(JsonNode value) {
    Optional<BigDecimal> m = cpuMillicores(value);
    if (m.isEmpty()) {
      return "'"
          + value.asText()
          + "' is not a CPU quantity: write cores (\"2\", \"0.5\") or millicores (\"500m\")";
    }
    return m.get().signum() < 0 ? "must not be negative, got '" + value.asText() + "'" : null;
  }

  /** Why a {@code memoryLimit} parameter is not a usable maximum, or null. */
  public static String memoryLimitProblem(JsonNode value) {
    Optional<BigDecimal> m = memoryMilliBytes(value);
    if (m.isEmpty()) {
      return "'"
          + value.asText()
          + "' is not a memory quantity: write digits with an optional suffix"
          + " k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or m (\"64Gi\", \"512M\", \"1.5Gi\")";
    }
    return null;
  }
}
