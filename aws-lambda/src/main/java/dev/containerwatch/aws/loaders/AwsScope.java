package dev.containerwatch.aws.loaders;

import dev.containerwatch.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Where a resource lives: an AWS account and a region. Loaders build (or reuse) their clients per
 * scope; the region always comes from the event.
 */
public record AwsScope(String account, String region) {
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  /**
   * @throws InvalidInputException when the account is not 12 digits or the region is not a region
   *     name
   */
  public AwsScope {
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw new InvalidInputException("'" + account + "' is not a 12-digit AWS account id");
    }
    if (region == null || !REGION.matcher(region).matches()) {
      throw new InvalidInputException("'" + region + "' is not an AWS region name");
    }
  }

  /** The partition of the region: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
  public String partition() {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }

  /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
  public String arn(String service, String resource) {
    return "arn:" + partition() + ":" + service + ":" + region + ":" + account + ":" + resource;
  }

  public String eksClusterArn(String name) {
    return arn("eks", "cluster/" + name);
  }

  public String ecrRepositoryArn(String name) {
    return arn("ecr", "repository/" + name);
  }

  /** The host of the account's private registry in the region. */
  public String ecrHost() {
    return account
        + ".dkr.ecr."
        + region
        + ".amazonaws.com"
        + (region.startsWith("cn-") ? ".cn" : "");
  }

  @Override
  public String toString() {
    return account + "/" + region;
  }
}
