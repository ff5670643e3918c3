package dev.cpo.agent.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.cpo.agent.lifecycle.JvmOptions;
import java.util.concurrent.TimeUnit;

/**
 * The product as users start it, in a child JVM ({@code java -jar cpo-agent.jar run --set ...}
 * with free ports and a temporary state directory, every other setting at its default): the honest
 * measure of startup, resident memory and CPU, apart from the benchmark's own JVM. Linux only (/proc).
 */
final class ChildAgent implements AutoCloseable {

  /** How the child is started, for the benchmark's log line. */
  static final String HOW = "java -jar cpo-agent.jar as the README types it";

  private final Process process;
  private final int snmpPort;
  private final int controlPort;
  private final int mqttPort;
  private final int gnmiPort;
  private final long startedNanos;

  private ChildAgent(Process process, int snmpPort, int controlPort, int mqttPort, int gnmiPort, long startedNanos) {
    this.process = process;
    this.snmpPort = snmpPort;
    this.controlPort = controlPort;
    this.mqttPort = mqttPort;
    this.gnmiPort = gnmiPort;
    this.startedNanos = startedNanos;
  }

  /** The gNMI target's port. */
  int gnmiPort() {
    return gnmiPort;
  }

  /** Whether /proc gives this JVM's CPU time and resident memory of other processes. */
  static boolean procAvailable() {
    return ProcessProbe.procAvailable();
  }

  /**
   * Starts the product in a child JVM with the given {@code --set} overrides (beside free ports and
   * {@code dir} as state directory); its output goes to {@code dir/agent.log}.
   */
  static ChildAgent start(Path dir, List<String> sets) throws IOException {
    int snmpPort = FreePorts.udp();
    int controlPort = FreePorts.tcp();
    int mqttPort = FreePorts.tcp();
    int gnmiPort = FreePorts.tcp();
    List<String> cmd = new ArrayList<>(javaCommand());
    cmd.add("run");
    List<String> all = new ArrayList<>(List.of("snmp.port=" + snmpPort, "traps.port=" + FreePorts.udp(),
        "control.port=" + controlPort, "mqtt.embedded.port=" + mqttPort, "gnmi.port=" + gnmiPort, "state.dir=" + dir.resolve("state")));
    all.addAll(sets);
    for (String s : all) {
      cmd.add("--set");
      cmd.add(s);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("agent.log").toFile());
    long t0 = System.nanoTime();
    Process process = pb.start();
    // Interrupted (Ctrl-C), the benchmark must not leave the agent running.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-child-stop"));
    return new ChildAgent(process, snmpPort, controlPort, mqttPort, gnmiPort, t0);
  }

  /** This JVM's java and -jar of this jar (or the bundled options and -cp of this classpath, from classes). */
  static List<String> javaCommand() {
    String javaBin = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String cp = System.getProperty("java.class.path");
    if (cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator)) {
      // As typed: the jar gives itself its bundled options (JvmRelaunch), in the same process.
      return List.of(javaBin, "-jar", cp);
    }
    // From classes no relaunch happens: give the child the same bundled options by hand.
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin);
    cmd.addAll(JvmOptions.bundled());
    cmd.addAll(List.of("-cp", cp, "dev.cpo.agent.cli.Main"));
    return cmd;
  }

  /** Time since the child was started. */
  Duration age() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  int snmpPort() {
    return snmpPort;
  }

  /** The control API's base URL, {@code http://127.0.0.1:<port>}. */
  String controlUrl() {
    return "http://127.0.0.1:" + controlPort;
  }

  /** The embedded broker's URL. */
  String brokerUrl() {
    return "tcp://127.0.0.1:" + mqttPort;
  }

  /**
   * The nanoseconds from process start to its first answered SNMP GET ({@link ProcessProbe#awaitFirstAnswerNanos}).
   *
   * @throws IOException when the child exits or does not answer within {@code limit}
   */
  long awaitFirstAnswerNanos(Duration limit) throws IOException {
    return ProcessProbe.awaitFirstAnswerNanos(process, snmpPort, startedNanos, limit, "the agent");
  }

  /** User plus system CPU time of the child so far, in nanoseconds (from /proc/<pid>/stat). */
  long cpuNanos() throws IOException {
    return ProcessProbe.cpuNanos(process.pid());
  }

  /** A {@code /proc/<pid>/status} field in kB (VmRSS, VmHWM), as MiB. */
  double statusMebibytes(String field) throws IOException {
    return ProcessProbe.statusMebibytes(process.pid(), field);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
