package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.snmp.notify.NotifierStats;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.testing.Snmptrapd;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.OperState;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications received by net-snmp's snmptrapd: linkUp/linkDown (RFC 2863) as v2c traps and v3 informs. */
class NotificationIT {

  @TempDir Path dir;

  private final PortsFixture fixture = new PortsFixture(144);
  private final FixedAgentView view = new FixedAgentView(fixture.snapshot());
  private SnmpAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop();
    }
  }

  private void startAgent(TrapsConfig traps) throws Exception {
    agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), traps, view, dir.resolve("state"), List.of());
    agent.start();
  }

  private void portGoes(int port, OperState from, int lanesFrom, OperState to, int lanesTo) {
    fixture.port(port, to, lanesTo, true);
    view.hal(fixture.snapshot());
    view.bus().publish(new AgentEvent.StateChanged(view.bus().nextSeq(), System.currentTimeMillis(), "port" + port,
        EntityClass.PORT, new EntityStatus(from, "", lanesFrom, lanesFrom * 200_000L, true),
        new EntityStatus(to, "", lanesTo, lanesTo * 200_000L, true)));
  }

  @Test
  void aPortGoingDownSendsLinkDownAndComingBackSendsLinkUp() throws Exception {
    try (Snmptrapd trapd = new Snmptrapd(dir)) {
      startAgent(new TrapsConfig("127.0.0.1", trapd.port()));
      // ifLastChange is sysUpTime at the change: let sysUpTime leave zero first, so a change shows.
      await().untilAsserted(() -> assertThat(Long.parseLong(NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(),
          "-Ovt", "SNMPv2-MIB::sysUpTime.0").out().strip())).isPositive());

      for (int p = 9; p <= 16; p++) {
        portGoes(p, OperState.UP, 4, OperState.DOWN, 0);
      }
      portGoes(9, OperState.DOWN, 0, OperState.UP, 4);
      // Degraded is still up (RFC 2863 ifOperStatus): no notification.
      portGoes(20, OperState.UP, 4, OperState.DEGRADED, 3);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        String out = trapd.output();
        for (int p = 9; p <= 16; p++) {
          assertThat(out).contains("::ifIndex." + p + " = INTEGER: " + p);
        }
        assertThat(out).contains("IF-MIB::linkUp");
      });
      String out = trapd.output();
      assertThat(out).contains("SNMPv2-MIB::coldStart");
      assertThat(out.split("IF-MIB::linkDown", -1)).hasSize(9);
      assertThat(out.split("IF-MIB::linkUp", -1)).hasSize(2);
      assertThat(out).contains("::ifOperStatus.16 = INTEGER: down(2)", "::ifAdminStatus.16 = INTEGER: up(1)",
          "::ifOperStatus.9 = INTEGER: up(1)").doesNotContain("ifIndex.20 ");
    }
    NetSnmpTools.Result lastChange = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqv",
        "IF-MIB::ifLastChange.16", "IF-MIB::ifLastChange.17");
    assertThat(lastChange.lines().get(0)).isNotEqualTo("0:0:00:00.00");
    assertThat(lastChange.lines().get(1)).isEqualTo("0:0:00:00.00");
  }

  @Test
  void aWrongCommunitySendsAuthenticationFailureOnceOpsEnablesIt() throws Exception {
    try (Snmptrapd trapd = new Snmptrapd(dir)) {
      startAgent(new TrapsConfig("127.0.0.1", trapd.port()));
      NetSnmpTools.Result enable = NetSnmpTools.run("snmpset", NetSnmpTools.v3("ops", "ops-auth-pass", "ops-priv-pass"), agent.port(),
          "SNMPv2-MIB::snmpEnableAuthenTraps.0", "i", "1");
      assertThat(enable.exitCode()).as(enable.err()).isZero();

      NetSnmpTools.run("snmpget", NetSnmpTools.v2c("not-the-community"), agent.port(), "SNMPv2-MIB::sysDescr.0");

      // RFC 3418 authenticationFailure, gated by snmpEnableAuthenTraps
      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(trapd.output()).contains("SNMPv2-MIB::authenticationFailure"));
    }
  }

  @Test
  void aV3InformIsAcknowledgedByTheReceiver() throws Exception {
    try (Snmptrapd trapd = new Snmptrapd(dir, List.of(
        "createUser noc SHA-256 noc-auth-pass AES noc-priv-pass", "authUser log noc"))) {
      startAgent(new TrapsConfig("127.0.0.1", 9).withInforms(
          List.of(new TrapsConfig.InformTarget("127.0.0.1", trapd.port(), "noc", 1000, 2))));

      portGoes(42, OperState.UP, 4, OperState.DOWN, 0);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(trapd.output()).contains("SNMPv2-MIB::coldStart", "IF-MIB::linkDown", "::ifIndex.42 = INTEGER: 42");
        // coldStart at start, then linkDown
        assertThat(informStats().acknowledged()).isEqualTo(2);
      });
      assertThat(informStats().failed()).isZero();
    }
  }

  @Test
  void anUnansweredInformIsRetriedThenCountedAsFailed() throws Exception {
    try (DatagramSocket deadReceiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      AtomicInteger packets = new AtomicInteger();
      Thread counter = new Thread(() -> countPackets(deadReceiver, packets), "dead-receiver");
      counter.setDaemon(true);
      counter.start();
      startAgent(new TrapsConfig("127.0.0.1", 9).withInforms(
          List.of(new TrapsConfig.InformTarget("127.0.0.1", deadReceiver.getLocalPort(), "noc", 200, 2))));

      portGoes(42, OperState.UP, 4, OperState.DOWN, 0);

      // coldStart at start, then linkDown: each one first attempt and two retries (engine discovery
      // probes, if any, come on top).
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(informStats().failed()).isEqualTo(2));
      assertThat(packets.get()).isGreaterThanOrEqualTo(6);
      assertThat(informStats().acknowledged()).isZero();
    }
  }

  private static void countPackets(DatagramSocket socket, AtomicInteger packets) {
    byte[] buf = new byte[65535];
    try {
      socket.setSoTimeout(100);
      while (!socket.isClosed()) {
        try {
          socket.receive(new DatagramPacket(buf, buf.length));
          packets.incrementAndGet();
        } catch (SocketTimeoutException e) {
          // keep listening until the test closes the socket
        }
      }
    } catch (java.io.IOException e) {
      // the test closed the socket
    }
  }

  private NotifierStats informStats() {
    return agent.notificationStats().entrySet().stream().filter(e -> e.getKey().startsWith("v3-"))
        .findFirst().orElseThrow().getValue();
  }
}
