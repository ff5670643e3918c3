package dev.cpo.agent.snmp.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A net-snmp snmpd on a free loopback port with a minimal read-only config, for comparison. */
final class NetSnmpd implements AutoCloseable {

  private final Process process;
  private final int port;

  NetSnmpd(String snmpd, Path dir) throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("snmpd.conf");
    Files.write(conf, List.of("agentAddress udp:127.0.0.1:" + port, "rocommunity public 127.0.0.1"));
    ProcessBuilder pb = new ProcessBuilder(snmpd, "-f", "-Lo", "-C", "-c", conf.toString());
    pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("snmpd.log").toFile());
    process = pb.start();
  }

  int port() {
    return port;
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
  }
}
