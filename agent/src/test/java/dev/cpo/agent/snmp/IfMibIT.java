package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.hal.OperState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IF-MIB (RFC 2863) walked with net-snmp, values checked against the snapshot. */
class IfMibIT {

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
  void aHealthySwitchShows144PortsAt800000MbitPerSecond() throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "IF-MIB::ifHighSpeed");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(144).allMatch(l -> l.endsWith("Gauge32: 800000"), "800000");
    assertThat(r.lines().get(0)).startsWith("IF-MIB::ifHighSpeed.1 ");
    assertThat(r.lines().get(143)).startsWith("IF-MIB::ifHighSpeed.144 ");
  }

  @Test
  void degradedPortsShowTheSpeedOfTheirLanesStillUp() throws Exception {
    // A failed laser darkens one lane of each of the ports it feeds: 3 of 4 lanes left.
    for (int p = 9; p <= 12; p++) {
      fixture.port(p, OperState.DEGRADED, 3, true);
    }
    view.hal(fixture.snapshot());

    NetSnmpTools.Result r = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "IF-MIB::ifHighSpeed");

    assertThat(r.lines()).hasSize(144);
    assertThat(r.lines()).contains("ifHighSpeed.9 600000", "ifHighSpeed.12 600000", "ifHighSpeed.8 800000",
        "ifHighSpeed.13 800000");
    NetSnmpTools.Result oper = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "IF-MIB::ifOperStatus.9");
    assertThat(oper.out().strip()).isEqualTo("ifOperStatus.9 up");
  }

  @Test
  void everyMandatoryColumnOfIfTableAndIfXTableIsServedForEveryPort() throws Exception {
    fixture.port(7, OperState.DOWN, 0, true).port(8, OperState.DOWN, 0, false);
    view.hal(fixture.snapshot());

    NetSnmpTools.Result r = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "-Cr50", "IF-MIB::interfaces");
    NetSnmpTools.Result x = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "-Cr50", "IF-MIB::ifXTable");

    assertThat(r.exitCode()).as(r.err()).isZero();
    // ifNumber, then 18 ifTable columns (the deprecated ones are not served) for 144 ports.
    assertThat(r.lines()).hasSize(1 + 18 * 144).contains("ifNumber.0 144", "ifIndex.42 42",
        "ifType.42 ethernetCsmacd", "ifMtu.42 9216", "ifSpeed.42 4294967295",
        "ifAdminStatus.42 up", "ifOperStatus.42 up", "ifOperStatus.7 down", "ifAdminStatus.8 down",
        "ifOperStatus.8 down", "ifLastChange.42 0:0:00:00.00",
        "ifInOctets.42 " + (PortsFixture.rxOctets(42) & 0xffffffffL), "ifOutErrors.42 0");
    assertThat(r.lines()).filteredOn(l -> l.startsWith("ifPhysAddress.42 ")).containsExactly("ifPhysAddress.42 2:43:50:4f:0:2a");
    assertThat(r.lines()).anyMatch(l -> l.startsWith("ifDescr.42 ") && l.contains(PortsFixture.MODEL) && l.contains("port42"));
    assertThat(x.lines()).hasSize(19 * 144).contains("ifName.42 port42", "ifHCInOctets.42 " + PortsFixture.rxOctets(42),
        "ifLinkUpDownTrapEnable.42 enabled", "ifHighSpeed.7 800000", "ifPromiscuousMode.42 false",
        "ifConnectorPresent.42 true", "ifCounterDiscontinuityTime.42 0:0:00:00.00");
  }
}
