package dev.containerwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which classes a fresh JVM loads running a main of the test class path: how a test checks that a
 * cold path stays free of an expensive library (the first {@code ObjectMapper} costs about 120 ms)
 * without timing anything.
 */
public final class ClassLoading {
  private ClassLoading() {}

  /**
   * The JVM's class loading log ({@code -Xlog:class+load}) and output of {@code main} run with
   * {@code args} and the extra environment {@code env}.
   *
   * @throws AssertionError when the JVM exits with an error, with its output
   */
  public static String log(Class<?> main, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process java = builder.start();
    java.getOutputStream().close();
    String log = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (java.waitFor() != 0) {
      throw new AssertionError(main.getSimpleName() + " failed:\n" + log);
    }
    return log;
  }
}
