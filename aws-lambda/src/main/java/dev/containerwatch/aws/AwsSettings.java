package dev.containerwatch.aws;

import dev.containerwatch.InvalidInputException;
import java.net.URI;
import java.util.Map;

/**
 * The function's settings, from its environment (see the module README):
 *
 * <ul>
 *   <li>{@code AWS_REGION}: the function's region (set by Lambda): where STS is called and where a
 *       CloudWatch Logs subscription's log group is.
 *   <li>{@value #ENV_ACCOUNT}: the function's own account; when unset, STS {@code
 *       GetCallerIdentity} says it, once per container.
 *   <li>{@value #ENV_ROLE}: the name of the role assumed in other accounts ({@code
 *       arn:aws:iam::<account>:role/<name>}); unset, events of other accounts are refused.
 *   <li>{@value #ENV_EXTERNAL_ID}: the external id that role requires, if any.
 *   <li>{@value #ENV_ENDPOINT} / {@value #ENV_SECURITYHUB_ENDPOINT}: endpoint overrides (the SDK's
 *       own variables; local emulators).
 * </ul>
 */
public record AwsSettings(
    String region,
    String account,
    String crossAccountRole,
    String externalId,
    URI endpoint,
    URI securityHubEndpoint) {
  public static final String ENV_REGION = "AWS_REGION";
  public static final String ENV_ACCOUNT = "CONTAINERWATCH_ACCOUNT_ID";
  public static final String ENV_ROLE = "CONTAINERWATCH_CROSS_ACCOUNT_ROLE";
  public static final String ENV_EXTERNAL_ID = "CONTAINERWATCH_CROSS_ACCOUNT_EXTERNAL_ID";
  public static final String ENV_ENDPOINT = "AWS_ENDPOINT_URL";
  public static final String ENV_SECURITYHUB_ENDPOINT = "AWS_ENDPOINT_URL_SECURITYHUB";

  /**
   * @throws InvalidInputException naming the variable that is wrong
   */
  public static AwsSettings fromEnvironment(Map<String, String> env) {
    String region = blankToNull(env.get(ENV_REGION));
    if (region == null) {
      region = blankToNull(env.get("AWS_DEFAULT_REGION"));
    }
    if (region == null) {
      throw new InvalidInputException(ENV_REGION + " is not set");
    }
    String account = blankToNull(env.get(ENV_ACCOUNT));
    if (account != null && !account.matches("[0-9]{12}")) {
      throw new InvalidInputException(
          ENV_ACCOUNT + ": '" + account + "' is not a 12-digit account id");
    }
    String role = blankToNull(env.get(ENV_ROLE));
    if (role != null && !role.matches("[\\w+=,.@/-]{1,512}")) {
      throw new InvalidInputException(ENV_ROLE + ": '" + role + "' is not a role name");
    }
    URI endpoint = uri(env, ENV_ENDPOINT);
    URI securityHub = uri(env, ENV_SECURITYHUB_ENDPOINT);
    return new AwsSettings(
        region,
        account,
        role,
        blankToNull(env.get(ENV_EXTERNAL_ID)),
        endpoint,
        securityHub != null ? securityHub : endpoint);
  }

  private static URI uri(Map<String, String> env, String name) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(name + " is not a URL");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
