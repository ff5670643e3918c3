package dev.cpo.agent.snmp;

import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.Tools;
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

/** A net-snmp snmptrapd on a free loopback port, logging what it receives to a buffer the test reads. */
final class Snmptrapd implements AutoCloseable {

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final int port;

  /**
   * @param dir a scratch directory for its config and persistent state
   * @param configLines snmptrapd.conf lines (e.g. {@code authCommunity log public})
   */
  Snmptrapd(Path dir, List<String> configLines) throws IOException {
    Path conf = dir.resolve("snmptrapd.conf");
    Files.write(conf, configLines);
    port = freeUdpPort();
    ProcessBuilder pb = new ProcessBuilder(Tools.require("snmptrapd").toString(), "-f", "-Lo", "-n", "-C",
        "-c", conf.toString(), "-M", Tools.ietfMibs().toString(), "-m", "ALL", "udp:127.0.0.1:" + port);
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

  static int freeUdpPort() throws IOException {
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

  int port() {
    return port;
  }

  String output() {
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    // snmptrapd saves its persistent state on the way out; the test's temp dir is deleted after this.
    process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
