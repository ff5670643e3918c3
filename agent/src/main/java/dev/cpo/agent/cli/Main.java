package dev.cpo.agent.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one executable: {@code java -jar agent/target/cpo-agent.jar [command]}; {@code run} by default.
 *
 * <p>The subcommands are registered by hand ({@link Commands}) rather than in {@code @Command}: a command
 * line that names one gets only that one's model, since building all seven (their options, mixins and
 * the classes they load on creation) was a fifth of the agent's start before its first SNMP answer.
 */
@Command(
    name = "cpo-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Management agent for a simulated co-packaged-optics switch.")
public final class Main implements Runnable {

  /** Exit code for a bad flag or config. */
  public static final int EXIT_USAGE = 2;

  /**
   * Each subcommand by its {@code @Command} name, in the order the help lists them. A class of its own so the
   * first JVM of a relaunch ({@link JvmRelaunch}) never reads them.
   */
  static final class Commands {
    static final Map<String, Class<?>> BY_NAME = byName(RunCommand.class, SimCommand.class, FaultCommand.class,
        ScenarioCommand.class, CheckConfigCommand.class, BenchCommand.class, FleetCommand.class);

    private Commands() {}

    private static Map<String, Class<?>> byName(Class<?>... classes) {
      Map<String, Class<?>> out = new LinkedHashMap<>();
      for (Class<?> c : classes) {
        out.put(c.getAnnotation(Command.class).name(), c);
      }
      return java.util.Collections.unmodifiableMap(out);
    }
  }

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
    if (args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
      String[] withRun = new String[args.length + 1];
      withRun[0] = "run";
      System.arraycopy(args, 0, withRun, 1, args.length);
      args = withRun;
    }
    CommandLine cl = commandLine(Commands.BY_NAME.containsKey(args[0]) ? args[0] : null);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  private static boolean isHelpOrVersion(String arg) {
    return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
  }

  /** The command line with every subcommand. */
  static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * @param only the one subcommand to register (the one the arguments name), or null for all of them (help,
   *     version, or a name that is none of them, which picocli then refuses listing them)
   */
  static CommandLine commandLine(String only) {
    CommandLine cl = new CommandLine(new Main());
    Commands.BY_NAME.forEach((name, command) -> {
      if (only == null || only.equals(name)) {
        cl.addSubcommand(name, command);
      }
    });
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
