package dev.containerwatch.cli;

import dev.containerwatch.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code containerwatch} command line.
 *
 * <pre>
 * java -jar containerwatch.jar rules --format json
 * java -jar containerwatch.jar scan --fail-on high cluster.json manifests/
 * java -jar containerwatch.jar replay --check events-samples
 * </pre>
 *
 * <p>Exit codes: 0 success (nothing failed at or above {@code --fail-on}); 1 something failed; 2
 * bad input or usage, with one line on stderr.
 */
@Command(
    name = "containerwatch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Evaluates Microsoft Defender for Cloud container recommendations.",
    subcommands = {RulesCommand.class, ScanCommand.class, ReplayCommand.class})
public final class Main implements Runnable {
  /** Exit code when something failed at or above the threshold. */
  public static final int EXIT_FAILED = 1;

  /** Exit code for bad input or usage. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InvalidInputException) {
            commandLine.getErr().println("containerwatch: " + e.getMessage());
            return EXIT_BAD_INPUT;
          }
          throw e;
        });
    cli.setParameterExceptionHandler(
        (e, parsedArgs) -> {
          CommandLine c = e.getCommandLine();
          c.getErr().println("containerwatch: " + e.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_BAD_INPUT;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version written into the jar's manifest by the build. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }

  /** Reports the version written into the jar's manifest by the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"containerwatch " + (v == null ? "(development build)" : v)};
    }
  }
}
