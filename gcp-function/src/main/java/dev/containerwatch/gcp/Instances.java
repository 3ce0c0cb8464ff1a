package dev.containerwatch.gcp;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.pipeline.Lazy;
import java.util.Map;

/**
 * The runtime shared by the function classes of one instance, built on first use from the process
 * environment. A configuration error is logged (one line naming every problem) and thrown on every
 * invocation until the function is redeployed with a fixed configuration.
 */
final class Instances {
  private static final Lazy<GcpRuntime> RUNTIME = new Lazy<>(Instances::fromEnvironment);

  private Instances() {}

  static GcpRuntime runtime() {
    return RUNTIME.get();
  }

  private static GcpRuntime fromEnvironment() {
    try {
      return GcpRuntime.fromEnvironment(System.getenv());
    } catch (InvalidInputException e) {
      Log.stdout().error(e.getMessage(), Map.of("outcome", "configuration-error"));
      throw e;
    }
  }
}
