package dev.cpo.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A net-snmp snmpd on a free loopback port with a minimal read-only config: the anchor of the walk rate,
 * and of resident memory, idle CPU and startup, each read of it the way the agent's own figure is read
 * ({@link ProcessProbe}).
 */
final class NetSnmpd implements AutoCloseable {

  private final Process process;
  private final int port;
  private final long startedNanos;

  NetSnmpd(Path snmpd, Path dir) throws IOException {
    port = FreePorts.udp();
    Path conf = dir.resolve("snmpd.conf");
    Files.write(conf, List.of("agentAddress udp:127.0.0.1:" + port, "rocommunity public 127.0.0.1"));
    ProcessBuilder pb = new ProcessBuilder(snmpd.toString(), "-f", "-Lo", "-C", "-c", conf.toString());
    pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("snmpd.log").toFile());
    startedNanos = System.nanoTime();
    process = pb.start();
    // Interrupted (Ctrl-C), the benchmark must not leave snmpd running.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-snmpd-stop"));
  }

  int port() {
    return port;
  }

  /** The version snmpd reports ({@code snmpd -v}), e.g. "5.9.3", or "unknown". */
  static String version(Path snmpd) {
    try {
      Process p = new ProcessBuilder(snmpd.toString(), "-v").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.SECONDS);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("version:\\s*(\\S+)").matcher(out);
      return m.find() ? m.group(1) : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /**
   * The nanoseconds from starting snmpd to its first answered GET, by the same GETs as the agent's startup
   * figure ({@link ProcessProbe#awaitFirstAnswerNanos}).
   */
  long awaitFirstAnswerNanos(Duration limit) throws IOException {
    return ProcessProbe.awaitFirstAnswerNanos(process, port, startedNanos, limit, "snmpd");
  }

  /** snmpd's user plus system CPU time so far, in nanoseconds. */
  long cpuNanos() throws IOException {
    return ProcessProbe.cpuNanos(process.pid());
  }

  /** A {@code /proc/<pid>/status} field of snmpd (VmRSS, VmHWM), as MiB. */
  double statusMebibytes(String field) throws IOException {
    return ProcessProbe.statusMebibytes(process.pid(), field);
  }

  /** Walks until snmpd answers (it takes a moment to load its MIB modules); the walk's timeout paces it. */
  void awaitAnswer(WalkTimer timer) throws IOException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        timer.walk(port);
        return;
      } catch (IOException e) {
        if (attempt > 20 || !process.isAlive()) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
