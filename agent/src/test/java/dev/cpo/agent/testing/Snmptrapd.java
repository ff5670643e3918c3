package dev.cpo.agent.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A net-snmp snmptrapd on a free loopback port, with the IETF MIBs and our {@code mibs/} loaded (so
 * CPO-SWITCH-MIB notifications print by name), logging what it receives to a buffer the test reads.
 * Skips the test when snmptrapd is missing (see {@link Tools#require}).
 */
public final class Snmptrapd implements AutoCloseable {

  /** snmptrapd.conf accepting v2c traps with community {@code public}. */
  public static final List<String> PUBLIC_V2C = List.of("authCommunity log public");

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final int port;

  /** Accepting v2c traps with community {@code public}. */
  public Snmptrapd(Path dir) throws IOException {
    this(dir, PUBLIC_V2C);
  }

  /**
   * @param dir a scratch directory for its config and persistent state
   * @param configLines snmptrapd.conf lines (e.g. {@code authCommunity log public})
   */
  public Snmptrapd(Path dir, List<String> configLines) throws IOException {
    Path conf = dir.resolve("snmptrapd.conf");
    Files.write(conf, configLines);
    port = freeUdpPort();
    ProcessBuilder pb = new ProcessBuilder(Tools.require("snmptrapd").toString(), "-f", "-Lo", "-n", "-C",
        "-c", conf.toString(), "-M", mibPath(), "-m", "ALL", "udp:127.0.0.1:" + port);
    pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
    pb.redirectErrorStream(true);
    process = pb.start();
    Thread pump = new Thread(this::pump, "snmptrapd-output");
    pump.setDaemon(true);
    pump.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> output.indexOf("NET-SNMP version") >= 0 || !process.isAlive());
    if (!process.isAlive()) {
      throw new IOException("snmptrapd exited: " + output);
    }
  }

  /** The IETF MIBs and the repository's {@code mibs/}, as net-snmp's {@code -M} path. */
  public static String mibPath() {
    return Tools.ietfMibs() + ":" + Tools.repoRoot().resolve("mibs");
  }

  /** A UDP port free on loopback a moment ago. */
  public static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void pump() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      output.append("[output closed: ").append(e).append("]\n");
    }
  }

  public int port() {
    return port;
  }

  /** Everything it printed so far. */
  public String output() {
    return output.toString();
  }

  /** Stops it and waits, so it is not still writing its state into a directory being deleted. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
