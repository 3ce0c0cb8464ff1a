package dev.containerwatch.gcp;

import dev.containerwatch.InvalidInputException;
import java.util.Map;

/**
 * The runtime shared by the function classes of one instance, built on first use from the process
 * environment. A configuration error is logged (one line naming every problem) and thrown on every
 * invocation until the function is redeployed with a fixed configuration.
 */
final class Instances {
  private static GcpRuntime runtime;

  private Instances() {}

  static synchronized GcpRuntime runtime() {
    if (runtime == null) {
      try {
        runtime = GcpRuntime.fromEnvironment(System.getenv());
      } catch (InvalidInputException e) {
        Log.stdout().error(e.getMessage(), Map.of("outcome", "configuration-error"));
        throw e;
      }
    }
    return runtime;
  }
}
