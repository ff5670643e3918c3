package dev.cpo.agent.cli;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.cpo.agent.lifecycle.JvmOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives {@code java -jar cpo-agent.jar} the JVM options the product is sized for, without asking the
 * user to type them: before anything else is loaded, the JVM replaces itself ({@code execve(2)}, the
 * same process id, no parent left waiting) with {@code java <options> -jar cpo-agent.jar <args>}.
 *
 * <p>Why {@code execve} and not a child process: a parent JVM kept alive only to wait costs about 35 MB
 * of resident memory and a second process to signal; {@code execve} keeps one process, so SIGTERM,
 * {@code ps} and the resident-memory figure all mean the agent itself. Why not a launcher script: the
 * README's command is {@code java -jar agent/target/cpo-agent.jar}, and scripts differ per OS.
 *
 * <p>It does nothing (the agent runs in this JVM as started) when: the JVM was started with any option
 * of the user's ({@code java -Xmx1g -jar ...}: theirs win), the command is not {@code run} or
 * {@code fleet}, the system property {@value #MARKER} is set (already relaunched), the environment has
 * {@code CPO_RELAUNCH=0}, it is not running from the jar, or the platform has no {@code execve} (Windows).
 *
 * <p>The first JVM only decides and execs, and everything it loads delays the agent's first answer: so
 * no picocli, no logging, no lambdas, streams or string concatenation by {@code +} (each first use spins
 * classes at run time), and of JNA only the process's own {@code execve} symbol (see {@link #exec}).
 */
final class JvmRelaunch {

  /** Set on the relaunched JVM, so it never relaunches again. */
  static final String MARKER = "cpo.relaunched";

  private JvmRelaunch() {}

  /**
   * Replaces this process with one running the product's JVM options, when {@link JvmRelaunch} applies;
   * returns (having changed nothing) when it does not or when {@code execve} fails.
   */
  static void maybeRelaunch(String[] args) {
    // The relaunched JVM (and one told not to) returns before anything else is loaded.
    if (System.getProperty(MARKER) != null || "0".equals(System.getenv("CPO_RELAUNCH"))
        || System.getProperty("os.name", "").startsWith("Windows")) {
      return;
    }
    List<String> argv = command(args, System.getProperty("java.class.path", ""),
        ManagementFactory.getRuntimeMXBean().getInputArguments(), null, false, JvmOptions.bundled());
    if (argv.isEmpty()) {
      return;
    }
    System.out.flush();
    System.err.flush();
    exec(argv, environment(System.getenv()));
    // execve returns only on failure: run in this JVM as it is.
  }

  /**
   * {@code execve(2)} through JNA, looked up among the process's own symbols (libc is loaded with the
   * JVM), without a {@link com.sun.jna.Library} proxy. JNA passes a {@code String[]} as a NULL-terminated
   * {@code char**}. Returns only when it fails.
   */
  private static void exec(List<String> argv, String[] envp) {
    try {
      // Without a platform library path of its own, JNA learns the system's by running `ldconfig -p` (a
      // child process, in the first JVM: about a tenth of the relaunch); the process's symbols need none.
      if (System.getProperty("jna.platform.library.path") == null) {
        System.setProperty("jna.platform.library.path", "");
      }
      Function execve = NativeLibrary.getProcess().getFunction("execve");
      execve.invokeInt(new Object[] {argv.get(0), argv.toArray(new String[0]), envp});
    } catch (LinkageError | RuntimeException e) {
      // No native access here (e.g. a read-only temp dir for JNA's library): run in this JVM.
    }
  }

  /**
   * The full command to exec, or an empty list when the JVM should stay as it is.
   *
   * @param classPath this JVM's class path (a lone jar when started with {@code -jar})
   * @param jvmArgs the options this JVM was started with
   */
  static List<String> command(String[] args, String classPath, List<String> jvmArgs, String env,
      boolean relaunched, List<String> options) {
    if (relaunched || "0".equals(env) || !jvmArgs.isEmpty() || options.isEmpty()) {
      return List.of();
    }
    if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
      return List.of();
    }
    String command = args.length == 0 || args[0].startsWith("-") ? "run" : args[0];
    if (!command.equals("run") && !command.equals("fleet")) {
      return List.of();
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    for (String o : options) {
      if (command.equals("fleet") && o.startsWith("-Xmx")) {
        o = "-Xmx".concat(Integer.toString(fleetHeapMegabytes(args))).concat("m");
      } else if (command.equals("fleet") && o.startsWith("-Xms")) {
        // One agent's initial heap would start a fleet's young generation at a few megabytes, collected
        // many times a second until full collections have grown it: a fleet's heap starts where the JVM
        // puts it, min(RAM/64, -Xmx).
        continue;
      }
      argv.add(o);
    }
    Path jar = Path.of(classPath).toAbsolutePath();
    Path archive = archiveBeside(jar);
    if (Files.isRegularFile(archive)) {
      // The class-data archive the build wrote beside the jar (agent/pom.xml): classes mapped from it
      // instead of parsed from the jar, about a quarter of the CPU before the first SNMP answer. A JVM
      // that cannot use it (another jar or JDK) quietly loads the classes from the jar.
      argv.add("-XX:SharedArchiveFile=".concat(archive.toString()));
      argv.add("-Xlog:cds=off");
      argv.add("-Xlog:cds+dynamic=off");
    }
    argv.add("-D" + MARKER + "=true");
    argv.add("-jar");
    argv.add(jar.toString());
    argv.addAll(List.of(args));
    return argv;
  }

  /** {@code cpo-agent.jsa} beside {@code cpo-agent.jar}: where the build writes the class-data archive. */
  static Path archiveBeside(Path jar) {
    String name = jar.getFileName().toString();
    return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()).concat(".jsa"));
  }

  /**
   * A fleet's heap: the single agent's 48 MB for what is shared, plus 12 MB per switch (measured at
   * about 5 MB of live heap per default-profile switch; the rest is headroom for the collector).
   */
  static int fleetHeapMegabytes(String[] args) {
    int switches = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = null;
      if (a.equals("--switches") && i + 1 < args.length) {
        v = args[i + 1];
      } else if (a.startsWith("--switches=")) {
        v = a.substring("--switches=".length());
      }
      if (v != null) {
        try {
          switches = Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
          // The fleet command itself rejects the value with its own message.
        }
      }
    }
    return 48 + 12 * switches;
  }

  /**
   * This process's environment for the new JVM, with {@code MALLOC_ARENA_MAX=2} unless the user set
   * it: glibc otherwise gives each busy thread its own malloc arena, and the arenas' high-water marks
   * stay resident (about 15 MB here, mostly from the JIT compilers' scratch memory).
   */
  static String[] environment(java.util.Map<String, String> env) {
    java.util.Map<String, String> out = new java.util.TreeMap<>(env);
    out.putIfAbsent("MALLOC_ARENA_MAX", "2");
    String[] envp = new String[out.size()];
    int i = 0;
    for (java.util.Map.Entry<String, String> e : out.entrySet()) {
      envp[i++] = new StringBuilder(e.getKey()).append('=').append(e.getValue()).toString();
    }
    return envp;
  }

  /** Whether this JVM is the relaunched one (for the log line that says so). */
  static boolean isRelaunched() {
    return System.getProperty(MARKER) != null;
  }
}
