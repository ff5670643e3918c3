package dev.cpo.agent.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one executable: {@code java -jar agent/target/cpo-agent.jar [command]}; {@code run} by default. */
@Command(
    name = "cpo-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Management agent for a simulated co-packaged-optics switch.",
    subcommands = {RunCommand.class, SimCommand.class, FaultCommand.class, ScenarioCommand.class,
        CheckConfigCommand.class, BenchCommand.class, FleetCommand.class})
public final class Main implements Runnable {

  /** Exit code for a bad flag or config. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    JvmRelaunch.maybeRelaunch(args);
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code; {@code run} when no command is given. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, printing to the given writers (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    if (args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
      String[] withRun = new String[args.length + 1];
      withRun[0] = "run";
      System.arraycopy(args, 0, withRun, 1, args.length);
      args = withRun;
    }
    return cl.execute(args);
  }

  private static boolean isHelpOrVersion(String arg) {
    return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage());
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      // One line for the user; the stack trace goes to the log for whoever debugs it.
      LoggerFactory.getLogger(Main.class).debug("{} failed", cmd.getCommandName(), ex);
      cmd.getErr().println("error: " + ex.getMessage());
      return 1;
    });
    return cl;
  }

  @Override
  public void run() {
    // Reached only through execute(), which always names a subcommand.
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"cpo-agent " + (v == null ? "dev" : v)};
    }
  }
}
