package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.testing.Tools;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random and mutated SNMP packets never crash or wedge the agent. */
class MalformedInputIT {

  private static final int PACKETS = 5000;
  private static final int BURST = 250;

  @TempDir Path stateDir;

  private final FixedAgentView view = new FixedAgentView(new PortsFixture(144).snapshot());
  private SnmpAgent agent;

  @BeforeEach
  void start() throws Exception {
    agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), new TrapsConfig("127.0.0.1", 9), view, stateDir,
        List.of());
    agent.start();
  }

  @AfterEach
  void stop() {
    agent.stop();
  }

  @Test
  void thousandsOfMutatedRequestsLeaveTheAgentAnswering() throws Exception {
    List<byte[]> seeds = List.of(
        capture(List.of("snmpbulkget", "-v2c", "-c", "public", "-Cr50")),
        capture(List.of("snmpget", "-v3", "-l", "authPriv", "-u", "noc", "-a", "SHA-256", "-A", "noc-auth-pass",
            "-x", "AES", "-X", "noc-priv-pass", "-e", "0x" + agent.engineId().toHexString().replace(":", ""))));
    Random random = new Random(42);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int burst = 0; burst < PACKETS / BURST; burst++) {
        for (int i = 0; i < BURST; i++) {
          byte[] packet = mutate(seeds.get(i % seeds.size()), random);
          socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), agent.port()));
        }
        // A burst can overflow the socket's receive buffer, which drops a request as it would for any UDP
        // agent; the agent must answer again once it has read the burst, as a retrying manager would see.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqv", "IF-MIB::ifHighSpeed.1");
          assertThat(r.out().strip()).as(r.err()).isEqualTo("800000");
        });
      }
    }

    NetSnmpTools.Result v3 = NetSnmpTools.run("snmpget", NetSnmpTools.v3("noc", "noc-auth-pass", "noc-priv-pass"), agent.port(),
        "-Oqv", "IF-MIB::ifName.7");
    assertThat(v3.out().strip()).as(v3.err()).isEqualTo("port7");
    // Forged engine ids must not have created users (RFC 3414 usmUserTable: still noc and ops only).
    NetSnmpTools.Result users = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v3("ops", "ops-auth-pass", "ops-priv-pass"),
        agent.port(), "-Oqv", "SNMP-USER-BASED-SM-MIB::usmUserSecurityName");
    assertThat(users.lines()).containsExactlyInAnyOrder("noc", "ops");
  }

  /** Flips bytes, truncates, or replaces the packet with noise, as a fuzzer would. */
  private static byte[] mutate(byte[] seed, Random random) {
    switch (random.nextInt(4)) {
      case 0: {
        byte[] p = seed.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          p[random.nextInt(p.length)] = (byte) random.nextInt(256);
        }
        return p;
      }
      case 1:
        return Arrays.copyOf(seed, 1 + random.nextInt(seed.length - 1));
      case 2: {
        byte[] p = seed.clone();
        // Length octets are where parsers overflow: set one to a huge long form.
        int at = 1 + random.nextInt(p.length - 1);
        p[at] = (byte) (0x80 | (1 + random.nextInt(4)));
        return p;
      }
      default: {
        byte[] p = new byte[1 + random.nextInt(512)];
        random.nextBytes(p);
        return p;
      }
    }
  }

  /** The bytes net-snmp sends for a request, caught on a socket that never answers. */
  private static byte[] capture(List<String> command) throws Exception {
    try (DatagramSocket catcher = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      catcher.setSoTimeout(5000);
      List<String> cmd = new java.util.ArrayList<>(command);
      cmd.set(0, Tools.require(command.get(0)).toString());
      cmd.addAll(List.of("-t", "1", "-r", "0", "udp:127.0.0.1:" + catcher.getLocalPort(), "1.3.6.1.2.1.1.1.0"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] buf = new byte[65535];
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      catcher.receive(packet);
      p.waitFor(10, TimeUnit.SECONDS);
      return Arrays.copyOf(buf, packet.getLength());
    }
  }
}
