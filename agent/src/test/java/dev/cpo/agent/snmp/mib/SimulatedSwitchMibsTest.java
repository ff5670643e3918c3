package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/** The MIB modules over snapshots of the simulated default switch (quantum-x-photonics-115t). */
class SimulatedSwitchMibsTest {

  private static final OID PHYSICAL = new OID("1.3.6.1.2.1.47.1.1.1.1");

  private final SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1)
      .timeScale(1).load(0.6).clock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
  private FixedAgentView view;
  private Inventory inv;
  private List<SnmpModule> modules;
  private InProcessSnmp snmp;

  @BeforeEach
  void start() throws Exception {
    view = new FixedAgentView(sim.snapshot());
    inv = view.inventory();
    modules = MibModules.create(view, PollingConfig.SECTION.defaults());
    snmp = new InProcessSnmp(modules.toArray(new SnmpModule[0]));
  }

  @AfterEach
  void stop() {
    modules.forEach(SnmpModule::stop);
    sim.close();
  }

  private static Map<String, Integer> byIndex(List<VariableBinding> column) {
    return column.stream().collect(Collectors.toMap(vb -> vb.getOid().last() + "", vb -> vb.getVariable().toInt()));
  }

  @Test
  void containmentIsATreeAndRelativePositionsAreUniqueAmongSiblings() {
    Map<String, Integer> containedIn = byIndex(snmp.walk(new OID(PHYSICAL).append(4)));
    Map<String, Integer> classes = byIndex(snmp.walk(new OID(PHYSICAL).append(5)));
    Map<String, Integer> relPos = byIndex(snmp.walk(new OID(PHYSICAL).append(6)));

    assertThat(containedIn).hasSize(inv.entities().size() + inv.sensors().size());
    assertThat(containedIn.values()).filteredOn(p -> p == 0).hasSize(1);
    assertThat(containedIn.values()).allMatch(p -> p == 0 || containedIn.containsKey(p.toString()));
    // RFC 6933 entPhysicalParentRelPos: siblings share entPhysicalContainedIn and entPhysicalClass
    Set<String> seen = new HashSet<>();
    containedIn.forEach((idx, parent) ->
        assertThat(seen.add(parent + "/" + classes.get(idx) + "/" + relPos.get(idx))).as("row %s", idx).isTrue());
  }

  @Test
  void everyPortMapsToItsIfIndexAndEveryLaneToTheLaserThatFeedsIt() {
    assertThat(snmp.walk(new OID("1.3.6.1.2.1.47.1.3.2.1.2"))).hasSize(inv.portCount());
    Map<String, Integer> laneLaser = snmp.walk(new OID(CpoOids.LANE_ENTRY).append(8)).stream().collect(
        Collectors.toMap(vb -> vb.getOid().toString().substring(CpoOids.LANE_ENTRY.toString().length() + 3),
            vb -> vb.getVariable().toInt()));

    assertThat(laneLaser).hasSize(inv.entitiesOf(EntityClass.LANE).size());
    for (LaserMapping m : inv.laserMappings()) {
      for (LaneRef l : m.lanes()) {
        assertThat(laneLaser.get(l.port() + "." + l.lane())).isEqualTo(inv.require(m.laser()).index() + 1);
      }
    }
  }

  @Test
  void aFailedLaserShowsFailedInOurTableAndDisabledInEntityState() throws Exception {
    sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
    view.hal(sim.snapshot());
    int laser = inv.require("els3/laser5").index() + 1;

    assertThat(snmp.get(new OID(CpoOids.LASER_ENTRY).append(3).append(laser)).get(0).getVariable().toInt())
        .isEqualTo(6);
    assertThat(snmp.get(new OID("1.3.6.1.2.1.131.1.1.1.3").append(laser)).get(0).getVariable().toInt())
        .isEqualTo(EntityStateMib.OPER_DISABLED);
    assertThat(snmp.get(new OID(CpoOids.LASER_ENTRY).append(9).append(laser)).get(0).getVariable().toString())
        .isNotEmpty();
  }
}
