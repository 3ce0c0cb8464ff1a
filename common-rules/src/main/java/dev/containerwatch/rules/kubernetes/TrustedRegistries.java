package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Status;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * "Container images should be deployed from trusted registries only" (Azure Policy
 * febd0533-8e55-448f-b837-bd0e06f16469, template {@code k8sazurev2containerallowedimages}).
 *
 * <p>Every container, initContainer and ephemeralContainer not in {@code excludedContainers} fails
 * when its {@code image} does not match {@code allowedContainerImagesRegex}. The match is
 * <em>unanchored</em>, like OPA's {@code re_match}: the pattern may match anywhere in the image
 * unless it has {@code ^...$}, so {@code azurecr\.io} also lets {@code
 * evil.example/contoso.azurecr.io/app} through. The image string is used as written: short names
 * ({@code nginx}) are not expanded to {@code docker.io/library/nginx}, and tags and {@code
 * @sha256:} digests are part of the string. A container without an image fails (the template's
 * {@code not re_match} is true when the image is undefined). There is no {@code excludedImages}
 * parameter and no Windows skip.
 *
 * <p>Parameter {@code allowedContainerImagesRegex}: Defender's default is {@code ^(.+){0}$}, which
 * matches only the empty string, so every workload fails until it is configured. Several
 * registries are alternatives: {@code ^(a\.azurecr\.io|registry\.example\.com)/.+$}. The pattern
 * is RE2 syntax, as in Defender: it is checked when the configuration loads, a named group {@code
 * (?P<name>...)} is accepted, and constructs RE2 lacks (lookarounds, backreferences, atomic groups,
 * possessive quantifiers) are rejected rather than given a meaning Defender never applies.
 */
public final class TrustedRegistries extends PodRule {
  /** Defender's (MCSB) default: matches no image. */
  static final String MCSB_DEFAULT_REGEX = "^(.+){0}$";

  public TrustedRegistries() {
    super("k8s.trusted-registries", MCSB_EXCLUDED_NAMESPACES, ALL_CONTAINERS, false, true, false);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.string(
                "allowedContainerImagesRegex",
                MCSB_DEFAULT_REGEX,
                "RE2 regular expression every image must match, unanchored unless written with"
                    + " ^...$")
            .checkedBy(TrustedRegistries::regexProblem));
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    String regex = p.string("allowedContainerImagesRegex");
    Pattern pattern = p.derived("pattern", q -> Pattern.compile(toJava(regex)));
    Verdict verdict =
        perContainer(
            containers,
            c -> {
              JsonNode image = c.doc().get("image").node();
              if (!image.isTextual()) {
                return "image is not set, so it cannot match allowedContainerImagesRegex";
              }
              // find(), not matches(): OPA's re_match is a search, anchored only by ^ and $.
              return pattern.matcher(image.textValue()).find()
                  ? null
                  : "image "
                      + image.textValue()
                      + " does not match allowedContainerImagesRegex "
                      + regex;
            },
            "every image matches allowedContainerImagesRegex " + regex);
    if (verdict.status() == Status.FAILED && regex.equals(MCSB_DEFAULT_REGEX)) {
      return Verdict.failed(
          verdict.reason()
              + " (Defender's default pattern, which matches no image: configure the registries"
              + " you trust)");
    }
    return verdict;
  }

  /** Why a pattern is not a usable RE2 expression, or null. */
  static String regexProblem(JsonNode value) {
    String regex = value.asText();
    String unsupported = re2Gap(regex);
    if (unsupported != null) {
      return "'" + regex + "' uses " + unsupported + ", which RE2 (Defender's regex engine) lacks";
    }
    try {
      Pattern.compile(toJava(regex));
      return null;
    } catch (PatternSyntaxException e) {
      return "'" + regex + "' is not a valid regular expression: " + e.getDescription();
    }
  }

  /** The Java spelling of an RE2 pattern: named groups are {@code (?<name>...)} in Java. */
  static String toJava(String regex) {
    StringBuilder out = new StringBuilder(regex.length());
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char ch = regex.charAt(i);
      if (ch == '\\' && i + 1 < regex.length()) {
        out.append(ch).append(regex.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = ch != ']';
      } else if (ch == '[') {
        inClass = true;
        int literalEnd = classStart(regex, i);
        out.append(regex, i, literalEnd + 1);
        i = literalEnd;
        continue;
      } else if (regex.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 3;
        continue;
      }
      out.append(ch);
    }
    return out.toString();
  }

  /**
   * The index of the last character of a class opening at {@code open}: {@code [}, {@code [^}, and
   * a {@code ]} right after those, which is a literal member rather than the end of the class.
   */
  private static int classStart(String regex, int open) {
    int i = open;
    if (regex.startsWith("^", i + 1)) {
      i++;
    }
    if (regex.startsWith("]", i + 1)) {
      i++;
    }
    return i;
  }

  /** The RE2-unsupported construct the pattern uses (outside character classes), or null. */
  private static String re2Gap(String regex) {
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char ch = regex.charAt(i);
      if (ch == '\\' && i + 1 < regex.length()) {
        char next = regex.charAt(++i);
        if (!inClass && next >= '1' && next <= '9') {
          return "a backreference (\\" + next + ")";
        }
        continue;
      }
      if (inClass) {
        inClass = ch != ']';
        continue;
      }
      if (ch == '[') {
        inClass = true;
        i = classStart(regex, i);
      } else if (regex.startsWith("(?=", i)
          || regex.startsWith("(?!", i)
          || regex.startsWith("(?<=", i)
          || regex.startsWith("(?<!", i)) {
        return "a lookaround (" + regex.substring(i, Math.min(regex.length(), i + 4)) + ")";
      } else if (regex.startsWith("(?>", i)) {
        return "an atomic group ((?>)";
      } else if ("*+?}".indexOf(ch) >= 0 && regex.startsWith("+", i + 1)) {
        return "a possessive quantifier (" + ch + "+)";
      }
    }
    return null;
  }
}
