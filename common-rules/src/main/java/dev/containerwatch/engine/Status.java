package dev.containerwatch.engine;

/**
 * The result of one rule on one subject.
 *
 * <ul>
 *   <li>{@link #PASSED}: the resource meets the recommendation, on evidence.
 *   <li>{@link #FAILED}: it does not; the reason names the field and value at fault.
 *   <li>{@link #NOT_APPLICABLE}: the recommendation does not concern this resource (a setting the
 *       provider manages, a Windows pod, another connector's environment).
 *   <li>{@link #UNKNOWN}: the evidence the rule needs is missing or unreadable, or the rule failed;
 *       the reason says which. A rule never passes for want of evidence.
 * </ul>
 */
public enum Status {
  PASSED,
  FAILED,
  NOT_APPLICABLE,
  UNKNOWN
}
