package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IF-MIB over real simulator snapshots of the default 115.2T switch. */
class SimulatedSwitchIT {

  @TempDir Path stateDir;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1)
      .timeScale(1).load(0.6).clock(clock).build();
  private FixedAgentView view;
  private SnmpAgent agent;

  @BeforeEach
  void start() throws Exception {
    view = new FixedAgentView(sim.snapshot());
    agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), new TrapsConfig("127.0.0.1", 9), view, stateDir,
        List.of());
    agent.start();
  }

  @AfterEach
  void stop() {
    agent.stop();
    sim.close();
  }

  @Test
  void aHealthySimulatedSwitchShows144PortsAt800000() throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "IF-MIB::ifHighSpeed");

    assertThat(r.lines()).hasSize(144).allMatch(l -> l.endsWith(" 800000"));
  }

  @Test
  void aFailedLaserShowsItsFourPortsAt600000AndStillUp() throws Exception {
    sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
    view.hal(sim.snapshot());

    NetSnmpTools.Result speeds = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "IF-MIB::ifHighSpeed");
    NetSnmpTools.Result oper = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqs", "IF-MIB::ifOperStatus.17",
        "IF-MIB::ifOperStatus.20");

    assertThat(speeds.lines()).filteredOn(l -> l.endsWith(" 600000"))
        .containsExactly("ifHighSpeed.17 600000", "ifHighSpeed.18 600000", "ifHighSpeed.19 600000",
            "ifHighSpeed.20 600000");
    assertThat(speeds.lines()).filteredOn(l -> l.endsWith(" 800000")).hasSize(140);
    assertThat(oper.lines()).containsExactly("ifOperStatus.17 up", "ifOperStatus.20 up");
  }

  @Test
  void countersAreTheSnapshotsCounters() throws Exception {
    clock.advance(java.time.Duration.ofSeconds(30));
    HalSnapshot hal = sim.snapshot();
    view.hal(hal);

    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqv", "IF-MIB::ifHCInOctets.42",
        "IF-MIB::ifInOctets.42", "IF-MIB::ifHCOutUcastPkts.42", "IF-MIB::ifInErrors.42");

    long rx = hal.portCounter(CounterKind.RX_OCTETS, 42);
    assertThat(rx).isPositive();
    assertThat(r.lines()).containsExactly(Long.toString(rx), Long.toString(rx & 0xffffffffL),
        Long.toString(hal.portCounter(CounterKind.TX_UNICAST_PACKETS, 42)),
        Long.toString(hal.portCounter(CounterKind.RX_ERRORS, 42) & 0xffffffffL));
  }
}
