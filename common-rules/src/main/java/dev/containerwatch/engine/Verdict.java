package dev.containerwatch.engine;

import java.util.Objects;

/**
 * What a rule says about one subject of a snapshot: a status and a human reason naming the field
 * and value at fault.
 *
 * @param subject what inside the resource the verdict is about (a container, an image digest), or
 *     {@code null} when it is about the resource as a whole
 */
public record Verdict(String subject, Status status, String reason) {

  public Verdict {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static Verdict passed(String reason) {
    return new Verdict(null, Status.PASSED, reason);
  }

  public static Verdict failed(String reason) {
    return new Verdict(null, Status.FAILED, reason);
  }

  public static Verdict notApplicable(String reason) {
    return new Verdict(null, Status.NOT_APPLICABLE, reason);
  }

  public static Verdict unknown(String reason) {
    return new Verdict(null, Status.UNKNOWN, reason);
  }

  /** The same verdict about a subject inside the resource. */
  public Verdict about(String newSubject) {
    return new Verdict(newSubject, status, reason);
  }
}
