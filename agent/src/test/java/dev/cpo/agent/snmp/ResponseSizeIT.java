package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.mib.MibModules;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * Responses larger than a UDP datagram (RFC 3416 section 4.2): a GETBULK is trimmed to fit, anything else
 * is answered tooBig, on the simulated default switch with every MIB module (a walk of thousands of rows).
 */
class ResponseSizeIT {

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1)
      .timeScale(1).load(0.6).clock(clock).build();
  private SnmpAgent agent;

  @BeforeEach
  void start() throws Exception {
    HalSnapshot hal = sim.snapshot();
    FixedAgentView view = new FixedAgentView(hal);
    agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), new TrapsConfig("127.0.0.1", 9), view,
        dir.resolve("state"), MibModules.create(view, PollingConfig.SECTION.defaults()));
    agent.start();
  }

  @AfterEach
  void stop() {
    agent.stop();
    sim.close();
  }

  @Test
  void aGetBulkLargerThanADatagramIsTrimmedToFitOne() throws Exception {
    long drops = counter("SNMPv2-MIB::snmpSilentDrops.0");

    // The command: 5,000 repetitions of ifDescr and what follows it are about 400 kB.
    List<String> varbinds = bulkThatFits(NetSnmpTools.V2C);

    assertThat(varbinds).contains(".1.3.6.1.2.1.2.2.1.2.1 = STRING: Quantum-X Photonics 115.2T (simulated) "
        + "port1, 800G port (4 x 200G lanes)");
    assertThat(counter("SNMPv2-MIB::snmpSilentDrops.0")).isEqualTo(drops);
  }

  @Test
  void anSnmpV3GetBulkIsTrimmedToFitTheDatagramToo() throws Exception {
    // Encrypted and authenticated, the whole message still fits (net-snmp asks for at most 65507 too).
    List<String> varbinds = bulkThatFits(NetSnmpTools.NOC);

    assertThat(varbinds.get(0)).startsWith(".1.3.6.1.2.1.2.2.1.2.1 = STRING: ");
  }

  /**
   * snmpbulkget -Cn0 -Cr5000 of ifDescr through a relay that measures the answer: it must come, trimmed
   * to as many variable bindings as fit one datagram over IPv4 (RFC 3416 4.2.3).
   */
  private List<String> bulkThatFits(List<String> security) throws Exception {
    NetSnmpTools.Result bulk;
    List<Integer> sizes;
    try (UdpRelay relay = new UdpRelay(agent.port())) {
      bulk = NetSnmpTools.run("snmpbulkget", security, relay.port(), "-t20", "-On", "-Cn0", "-Cr5000",
          "1.3.6.1.2.1.2.2.1.2");
      sizes = relay.responseSizes();
    }
    assertThat(bulk.exitCode()).as(bulk.err()).isZero();
    assertThat(bulk.err()).doesNotContain("Timeout");
    List<String> varbinds = bulk.lines().stream().filter(l -> l.startsWith(".1.3.6.1.")).toList();
    assertThat(varbinds).hasSizeBetween(500, 4999);
    assertThat(sizes).isNotEmpty();
    assertThat(sizes.get(sizes.size() - 1)).isBetween(60_000, SnmpAgent.MAX_MESSAGE_SIZE);
    return varbinds;
  }

  @Test
  void aGetWhoseResponseCannotFitIsAnsweredTooBigAndCounted() throws Exception {
    long tooBigs = counter("SNMPv2-MIB::snmpOutTooBigs.0");
    PDU get = new PDU();
    get.setType(PDU.GET);
    for (int i = 0; i < 1000; i++) {
      get.add(new VariableBinding(SnmpConstants.sysDescr)); // about 140 kB of answers
    }
    CommunityTarget<UdpAddress> target = new CommunityTarget<>(
        new UdpAddress(InetAddress.getLoopbackAddress(), agent.port()), new OctetString("public"));
    target.setVersion(SnmpConstants.version2c);
    target.setTimeout(3000);
    target.setRetries(0);
    Snmp client = new Snmp(new DefaultUdpTransportMapping());
    PDU response;
    try {
      client.listen();
      ResponseEvent<UdpAddress> event = client.send(get, target);
      response = event.getResponse();
    } finally {
      client.close();
    }

    // RFC 3416 4.2.1: tooBig, error-index zero, no variable bindings.
    assertThat(response).as("an answer, not a timeout").isNotNull();
    assertThat(response.getErrorStatus()).isEqualTo(PDU.tooBig);
    assertThat(response.getErrorIndex()).isZero();
    assertThat(response.getVariableBindings()).isEmpty();
    assertThat(counter("SNMPv2-MIB::snmpOutTooBigs.0")).isEqualTo(tooBigs + 1);
  }

  private long counter(String object) throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.V2C, agent.port(), "-t10", "-Oqv", object);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Long.parseLong(r.out().strip());
  }
}
