package dev.containerwatch.gcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the end-to-end test starts (the Pub/Sub emulator, the Functions Framework invoker): its
 * output is collected line by line, readiness is a line it prints, and closing it ends it and every
 * process it started, by their ids.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new CopyOnWriteArrayList<>();

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  all.add(line);
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildProcess start(String name, List<String> command, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new ChildProcess(name, pb.start());
  }

  /** Blocks until the process prints a matching line; fails with its output otherwise. */
  void awaitLine(Predicate<String> ready, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError(
            name
                + " did not get ready within "
                + timeout
                + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                + "; its output:\n"
                + String.join("\n", all));
      }
      if (ready.test(line)) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle d : descendants) {
      if (d.isAlive()) {
        d.destroyForcibly();
      }
    }
  }
}
