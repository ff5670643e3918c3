package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SNMPv2-MIB (RFC 3418) system and snmp groups, walked with net-snmp. */
class SystemGroupIT {

  @TempDir Path stateDir;

  private final PortsFixture fixture = new PortsFixture(144);
  private final FixedAgentView view = new FixedAgentView(fixture.snapshot());
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
  void theSystemGroupNamesTheSwitchAndListsTheModulesServed() throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "SNMPv2-MIB::system");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.lines()).anyMatch(l -> l.startsWith("sysDescr.0 ") && l.contains(PortsFixture.MODEL)
        && l.contains(PortsFixture.PROFILE));
    assertThat(r.lines()).contains("sysObjectID.0 cpoSwitchMIB");
    assertThat(r.lines()).anyMatch(l -> l.startsWith("sysUpTime.0 ") || l.startsWith("sysUpTimeInstance "));
    assertThat(r.lines()).anyMatch(l -> l.startsWith("sysContact.0"));
    assertThat(r.lines()).anyMatch(l -> l.startsWith("sysName.0"));
    assertThat(r.lines()).anyMatch(l -> l.startsWith("sysLocation.0"));
    assertThat(r.lines()).anyMatch(l -> l.startsWith("sysServices.0"));
    assertThat(r.lines()).anyMatch(l -> l.startsWith("sysORLastChange.0"));
    assertThat(r.lines()).filteredOn(l -> l.startsWith("sysORID.")).contains(
        "sysORID.1 snmpMIB", "sysORID.2 ifMIB").hasSizeGreaterThanOrEqualTo(6);
    assertThat(r.lines()).filteredOn(l -> l.startsWith("sysORDescr.")).hasSizeGreaterThanOrEqualTo(6);
    assertThat(r.lines()).filteredOn(l -> l.startsWith("sysORUpTime.")).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void garbageCountsAsAnAsnParseErrorAndTheAgentKeepsAnswering() throws Exception {
    long before = counter("SNMPv2-MIB::snmpInASNParseErrs.0");
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] truncated = {0x30, 0x03, 0x02, 0x01};
      socket.send(new DatagramPacket(truncated, truncated.length, InetAddress.getLoopbackAddress(), agent.port()));
      byte[] notASequence = {0x04, 0x03, 0x41, 0x42, 0x43};
      socket.send(new DatagramPacket(notASequence, notASequence.length, InetAddress.getLoopbackAddress(), agent.port()));
    }
    // RFC 3418 snmpInASNParseErrs: every ASN.1/BER decoding error
    org.awaitility.Awaitility.await().untilAsserted(
        () -> assertThat(counter("SNMPv2-MIB::snmpInASNParseErrs.0")).isGreaterThanOrEqualTo(before + 2));
    NetSnmpTools.Result r = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "SNMPv2-MIB::snmp");
    assertThat(r.lines()).anyMatch(l -> l.startsWith("snmpInPkts.0 "))
        .anyMatch(l -> l.startsWith("snmpInBadCommunityNames.0 "))
        .anyMatch(l -> l.startsWith("snmpEnableAuthenTraps.0 "))
        .anyMatch(l -> l.startsWith("snmpSilentDrops.0 "));
  }

  private long counter(String oid) throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqv", oid);
    return Long.parseLong(r.out().strip());
  }
}
