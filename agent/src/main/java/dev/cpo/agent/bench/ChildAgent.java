package dev.cpo.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.cpo.agent.lifecycle.JvmOptions;
import java.util.concurrent.TimeUnit;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The product as users start it, in a child JVM ({@code java -jar cpo-agent.jar run --set ...}
 * with free ports and a temporary state directory, every other setting at its default): the honest
 * measure of startup, resident memory and CPU, apart from the benchmark's own JVM. Linux only (/proc).
 */
final class ChildAgent implements AutoCloseable {

  /** How the child is started, for the benchmark's log line. */
  static final String HOW = "java -jar cpo-agent.jar as the README types it";

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, fixed at 100 on Linux for /proc
  private static final Duration GET_TIMEOUT = Duration.ofMillis(20);

  private final Process process;
  private final int snmpPort;
  private final int controlPort;
  private final int mqttPort;
  private final long startedNanos;

  private ChildAgent(Process process, int snmpPort, int controlPort, int mqttPort, long startedNanos) {
    this.process = process;
    this.snmpPort = snmpPort;
    this.controlPort = controlPort;
    this.mqttPort = mqttPort;
    this.startedNanos = startedNanos;
  }

  /** Whether /proc gives this JVM's CPU time and resident memory of other processes. */
  static boolean procAvailable() {
    return Files.isReadable(Path.of("/proc/self/stat")) && Files.isReadable(Path.of("/proc/self/status"));
  }

  /**
   * Starts the product in a child JVM with the given {@code --set} overrides (beside free ports and
   * {@code dir} as state directory); its output goes to {@code dir/agent.log}.
   */
  static ChildAgent start(Path dir, List<String> sets) throws IOException {
    int snmpPort = FreePorts.udp();
    int controlPort = FreePorts.tcp();
    int mqttPort = FreePorts.tcp();
    List<String> cmd = new ArrayList<>(javaCommand());
    cmd.add("run");
    List<String> all = new ArrayList<>(List.of("snmp.port=" + snmpPort, "traps.port=" + FreePorts.udp(),
        "control.port=" + controlPort, "gnmi.port=0", "mqtt.embedded.port=" + mqttPort, "state.dir=" + dir.resolve("state")));
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
    return new ChildAgent(process, snmpPort, controlPort, mqttPort, t0);
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
   * Sends SNMP GETs of sysUpTime.0 with a short timeout, back to back (the timeout paces them), until
   * one is answered: the nanoseconds from process start to that answer.
   *
   * @throws IOException when the child exits or does not answer within {@code limit}
   */
  long awaitFirstAnswerNanos(Duration limit) throws IOException {
    try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
      snmp.listen();
      CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + snmpPort),
          new OctetString("public"));
      target.setVersion(SnmpConstants.version2c);
      target.setTimeout(GET_TIMEOUT.toMillis());
      target.setRetries(0);
      long deadline = startedNanos + limit.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("the agent exited with " + process.exitValue() + " before answering SNMP");
        }
        PDU get = new PDU();
        get.setType(PDU.GET);
        get.add(new VariableBinding(SnmpConstants.sysUpTime));
        ResponseEvent<UdpAddress> r = snmp.send(get, target);
        if (r.getResponse() != null && r.getResponse().getErrorStatus() == 0) {
          return System.nanoTime() - startedNanos;
        }
      }
      throw new IOException("the agent did not answer SNMP within " + limit.toSeconds() + " s");
    }
  }

  /** User plus system CPU time of the child so far, in nanoseconds (from /proc/<pid>/stat). */
  long cpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
    // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
  }

  /** A {@code /proc/<pid>/status} field in kB (VmRSS, VmHWM), as MiB. */
  double statusMebibytes(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException(field + " not in /proc/" + process.pid() + "/status");
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
