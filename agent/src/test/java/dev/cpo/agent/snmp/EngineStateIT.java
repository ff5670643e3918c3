package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** snmpEngineID and snmpEngineBoots across restarts, as net-snmp sees them (RFC 3414 section 2.2.2). */
class EngineStateIT {

  /** BER of the OID usmStatsNotInTimeWindows.0 (1.3.6.1.6.3.15.1.1.2.0). */
  private static final byte[] NOT_IN_TIME_WINDOWS = {0x06, 0x0a, 0x2b, 0x06, 0x01, 0x06, 0x03, 0x0f, 0x01, 0x01, 0x02, 0x00};

  @TempDir Path stateDir;

  private final FixedAgentView view = new FixedAgentView(new PortsFixture(4).snapshot());
  private SnmpAgent agent;

  private SnmpAgent newAgent() {
    return new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), new TrapsConfig("127.0.0.1", 9), view, stateDir,
        List.of());
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop();
    }
  }

  @Test
  void aMessageCapturedInOneRunIsNotAcceptedInTheNext() throws Exception {
    agent = newAgent();
    agent.start();
    byte[] captured;
    try (UdpRelay relay = new UdpRelay(agent.port())) {
      NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.NOC, relay.port(), "-Oqv", "SNMPv2-MIB::sysDescr.0");
      assertThat(r.out()).contains("CPO switch");
      // net-snmp first discovers the engine (an empty request), then sends the authenticated GET.
      List<byte[]> sent = relay.requests();
      captured = sent.get(sent.size() - 1);
    }
    // Within the run and its 150 s window, USM accepts the copy (RFC 3414 3.2 step 7): this is what
    // advancing the boots guards the next run against.
    assertThat(indexOf(exchange(captured, agent.port()), NOT_IN_TIME_WINDOWS)).isNegative();
    agent.stop();
    agent = newAgent();
    agent.start();
    long before = opsCounter("SNMP-USER-BASED-SM-MIB::usmStatsNotInTimeWindows.0");

    byte[] reply = exchange(captured, agent.port());

    // RFC 3414 3.2 step 7: the message names the previous run's boots, so it is outside the time window
    // and answered with a usmStatsNotInTimeWindows report (authenticated, not encrypted) instead of data.
    assertThat(indexOf(reply, NOT_IN_TIME_WINDOWS)).as("reply holds usmStatsNotInTimeWindows").isNotNegative();
    // One for the replay, one for the reading snmpget's own time synchronisation (RFC 3414 section 4).
    assertThat(opsCounter("SNMP-USER-BASED-SM-MIB::usmStatsNotInTimeWindows.0")).isEqualTo(before + 2);
  }

  @Test
  void bootsThatCannotBeStoredFailTheStartInOneLineNamingTheFile() throws Exception {
    agent = newAgent();
    agent.start();
    long boots = opsCounter("SNMP-FRAMEWORK-MIB::snmpEngineBoots.0");
    agent.stop();
    Path blocker = stateDir.resolve(SnmpAgent.BOOTS_FILE + ".tmp");
    Files.createDirectory(blocker);
    Files.writeString(blocker.resolve("x"), "in the way of the new state");

    SnmpAgent second = newAgent();
    assertThatThrownBy(second::start)
        .hasMessageContaining("cannot store snmpEngineBoots " + (boots + 1) + " in " + stateDir.resolve(SnmpAgent.BOOTS_FILE))
        .hasMessageNotContaining("\n");
    assertThat(second.port()).isEqualTo(-1);

    // Once the state can be stored, the next run counts on: no boots value is ever used twice.
    Files.delete(blocker.resolve("x"));
    Files.delete(blocker);
    agent = newAgent();
    agent.start();
    assertThat(opsCounter("SNMP-FRAMEWORK-MIB::snmpEngineBoots.0")).isGreaterThan(boots);
  }

  @Test
  void aCorruptEngineFileFailsTheStartAndIsNotReplacedByANewEngineId() throws Exception {
    Path file = stateDir.resolve(SnmpAgent.BOOTS_FILE);
    Files.createDirectories(stateDir);
    Files.write(file, new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 0x77, 4, 0, 0});

    agent = newAgent();
    assertThatThrownBy(agent::start)
        .hasMessageContaining("cannot read the SNMP engine id from " + file)
        .hasMessageContaining("restore the file from a backup, or move it aside")
        .hasMessageNotContaining("\n");
    assertThat(agent.port()).isEqualTo(-1);
    assertThat(Files.readAllBytes(file)).isEqualTo(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 0x77, 4, 0, 0});
  }

  private long opsCounter(String object) throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.OPS, agent.port(), "-Oqv", object);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Long.parseLong(r.out().strip());
  }

  private static byte[] exchange(byte[] request, int port) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5000);
      socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
      DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
      socket.receive(reply);
      return Arrays.copyOf(reply.getData(), reply.getLength());
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
