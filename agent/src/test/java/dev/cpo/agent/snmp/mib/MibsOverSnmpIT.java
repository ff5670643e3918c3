package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Serviceability;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.SnmpAgent;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.agent.snmp.TrapsConfig;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.testing.Snmptrapd;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MIB modules inside the real SNMP agent, read and written with net-snmp over UDP, on snapshots of
 * the simulated default switch (quantum-x-photonics-115t).
 */
class MibsOverSnmpIT {

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1)
      .timeScale(1).load(0.6).clock(clock).build();
  private final HalSnapshot hal = firstSnapshot(sim);
  private final Inventory inv = hal.inventory();
  private final FixedAgentView view = new FixedAgentView(hal);
  private List<SnmpModule> modules;
  private SnmpAgent agent;

  private static HalSnapshot firstSnapshot(SimulatedSwitch sim) {
    try {
      return sim.snapshot();
    } catch (HalException e) {
      throw new IllegalStateException("the simulator failed its first read", e);
    }
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop();
    }
    sim.close();
  }

  private void start(int trapPort) throws Exception {
    modules = MibModules.create(view, PollingConfig.SECTION.defaults());
    agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), new TrapsConfig("127.0.0.1", trapPort), view,
        dir.resolve("state"), modules);
    agent.start();
  }

  private int sensorIndex(String entity, SensorKind kind) {
    return inv.entities().size() + inv.sensor(entity, kind).orElseThrow().index() + 1;
  }

  @Test
  void walksOfEachMibShowEveryEntityAndSensorWithTheSnapshotsValues() throws Exception {
    start(9);
    int rows = inv.entities().size() + inv.sensors().size();

    NetSnmpTools.Result classes = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", "-Oqs",
        "ENTITY-MIB::entPhysicalClass");
    NetSnmpTools.Result sensors = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", "-Oqs",
        "ENTITY-SENSOR-MIB::entPhySensorOperStatus");
    NetSnmpTools.Result states = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", "-Oqs",
        "ENTITY-STATE-MIB::entStateOper");
    NetSnmpTools.Result lasers = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", "-Oqs",
        "CPO-SWITCH-MIB::cpoLaserBias");
    NetSnmpTools.Result lanes = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", "-Oqs",
        "CPO-SWITCH-MIB::cpoLaneRxPower");

    assertThat(classes.err()).isEmpty();
    assertThat(classes.lines()).hasSize(rows);
    assertThat(sensors.lines()).hasSize(inv.sensors().size() + inv.entitiesOf(EntityClass.LEAK_SENSOR).size());
    assertThat(states.lines()).hasSize(inv.entities().size());
    assertThat(lasers.lines()).hasSize(inv.entitiesOf(EntityClass.LASER).size());
    assertThat(lanes.lines()).hasSize(inv.entitiesOf(EntityClass.LANE).size());

    Sensor bias = inv.sensor("els3/laser5", SensorKind.BIAS_CURRENT).orElseThrow();
    int laser = inv.require("els3/laser5").index() + 1;
    int port42 = inv.require("port42").index() + 1;
    NetSnmpTools.Result get = NetSnmpTools.run("snmpget", NetSnmpTools.V2C, agent.port(), "-Oqv",
        "ENTITY-MIB::entPhysicalName." + laser, "ENTITY-MIB::entPhysicalClass." + port42,
        "ENTITY-MIB::entAliasMappingIdentifier." + port42 + ".0",
        "ENTITY-SENSOR-MIB::entPhySensorValue." + sensorIndex("els3/laser5", SensorKind.BIAS_CURRENT),
        "CPO-SWITCH-MIB::cpoLaserBias." + laser,
        "CPO-SWITCH-MIB::cpoLaneRxPower.42.3");
    double rx = hal.value(inv.sensor("port42/lane3", SensorKind.RX_POWER).orElseThrow().index());
    assertThat(get.lines()).containsExactly("els3/laser5", "port", "IF-MIB::ifIndex.42",
        String.valueOf(Math.round(hal.value(bias.index()) * 100)),
        String.valueOf(Math.round(hal.value(bias.index()) * 1000)) + " microamperes",
        String.valueOf(Math.round(rx * 100)) + " 0.01 dBm");
  }

  @Test
  void everyEntityOfClassSensorHasAnEntPhySensorRow() throws Exception {
    start(9);

    NetSnmpTools.Result classes = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", "-On",
        "-Oq", "ENTITY-MIB::entPhysicalClass");
    NetSnmpTools.Result types = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", "-On",
        "-Oq", "ENTITY-SENSOR-MIB::entPhySensorType");
    java.util.Set<String> sensorEntities = indexesWhere(classes.lines(), ".1.3.6.1.2.1.47.1.1.1.1.5.", "sensor");
    java.util.Set<String> sensorRows = indexesWhere(types.lines(), ".1.3.6.1.2.1.99.1.1.1.1.", "");

    // RFC 3433: an entPhySensorEntry exists for every entPhysicalEntry of class sensor(8), and only for those.
    assertThat(sensorEntities).hasSize(inv.sensors().size() + 8).contains("965", "972");
    assertThat(sensorRows).isEqualTo(sensorEntities);
    NetSnmpTools.Result leak = NetSnmpTools.run("snmpget", NetSnmpTools.V2C, agent.port(), "-Oqv",
        "ENTITY-MIB::entPhysicalDescr.965", "ENTITY-SENSOR-MIB::entPhySensorType.965",
        "ENTITY-SENSOR-MIB::entPhySensorValue.965", "ENTITY-SENSOR-MIB::entPhySensorOperStatus.972");
    assertThat(leak.lines()).containsExactly("leak sensor 1", "truthvalue", "2", "ok");
  }

  /** Indexes (the last sub-identifier) of the lines under {@code prefix} whose value contains {@code value}. */
  private static java.util.Set<String> indexesWhere(List<String> lines, String prefix, String value) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String l : lines) {
      String[] oidAndValue = l.split(" ", 2);
      if (oidAndValue[0].startsWith(prefix) && oidAndValue.length == 2 && oidAndValue[1].contains(value)) {
        out.add(oidAndValue[0].substring(prefix.length()));
      }
    }
    return out;
  }

  @Test
  void everyValueOfEveryMibHasTheTypeItsMibDeclares() throws Exception {
    Alarm alarm = new Alarm("laser-failure/els3/laser5", "laser-failure", Severity.CRITICAL, "els3/laser5",
        "Laser els3/laser5 failed", clock.millis(), 0, Double.NaN, Double.NaN, null, List.of(),
        new Serviceability("els3", true, "Replace laser module els3."));
    view.alarms(List.of(alarm));
    view.thresholds().set("els3/laser5:bias", ThresholdLevel.HIGH_ALARM, 160, "test");
    start(9);

    for (String tree : List.of("ENTITY-MIB::entityMIB", "ENTITY-SENSOR-MIB::entitySensorMIB",
        "ENTITY-STATE-MIB::entityStateMIB", "CPO-SWITCH-MIB::cpoSwitchMIB")) {
      NetSnmpTools.Result walk = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.V2C, agent.port(), "-Cr50", tree);

      // net-snmp flags a value whose type differs from the MIB's with "Wrong Type"
      assertThat(walk.exitCode()).as(tree).isZero();
      assertThat(walk.out()).as(tree).isNotEmpty().doesNotContain("Wrong Type", "No Such");
      assertThat(walk.err()).as(tree).isEmpty();
    }
  }

  @Test
  void opsSetsAThresholdAndItTakesEffectWhileNocAndV2cCannot() throws Exception {
    String sensorId = "els3/laser5:bias";
    for (ThresholdLevel l : ThresholdLevel.values()) {
      view.thresholds().set(sensorId, l, new double[] {20, 30, 140, 160}[l.number() - 1], "test");
    }
    start(9);
    String cell = "CPO-SWITCH-MIB::cpoThresholdValue." + sensorIndex("els3/laser5", SensorKind.BIAS_CURRENT) + ".3";

    NetSnmpTools.Result ops = NetSnmpTools.run("snmpset", NetSnmpTools.OPS, agent.port(), "-Oqv", cell, "i", "12550");
    NetSnmpTools.Result noc = NetSnmpTools.run("snmpset", NetSnmpTools.NOC, agent.port(), cell, "i", "12000");
    NetSnmpTools.Result v2c = NetSnmpTools.run("snmpset", NetSnmpTools.V2C, agent.port(), cell, "i", "12000");
    NetSnmpTools.Result disorder = NetSnmpTools.run("snmpset", NetSnmpTools.OPS, agent.port(), cell, "i", "17000");

    assertThat(ops.exitCode()).as(ops.err()).isZero();
    assertThat(view.thresholds().effective(sensorId).highWarning()).isEqualTo(125.5);
    assertThat(noc.exitCode()).isNotZero();
    assertThat(noc.err()).containsAnyOf("noAccess", "authorizationError");
    assertThat(v2c.exitCode()).isNotZero();
    assertThat(v2c.err()).containsAnyOf("noAccess", "authorizationError", "notWritable");
    assertThat(disorder.err()).contains("inconsistentValue");
    assertThat(NetSnmpTools.run("snmpget", NetSnmpTools.NOC, agent.port(), "-Oqv", cell).lines())
        .containsExactly("12550");
  }

  @Test
  void snmptrapdReceivesOurAlarmAndEntConfigChange() throws Exception {
    try (Snmptrapd trapd = new Snmptrapd(dir)) {
      start(trapd.port());
      Alarm alarm = new Alarm("els-removed/els2", "els-removed", Severity.CRITICAL, "els2", "Laser module els2 removed",
          clock.millis(), 0, Double.NaN, Double.NaN, null, List.of(), new Serviceability("els2", true, "Reinsert els2."));

      view.bus().publish(new AgentEvent.EntityRemoved(view.bus().nextSeq(), clock.millis(), "els2",
          EntityClass.LASER_MODULE));
      view.bus().publish(new AgentEvent.AlarmRaised(view.bus().nextSeq(), clock.millis(), alarm));

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(trapd.output())
          .contains("ENTITY-MIB::entConfigChange", "CPO-SWITCH-MIB::cpoAlarmRaised",
              "CPO-SWITCH-MIB::cpoAlarmEntityName." + alarm.number() + " = STRING: els2",
              "CPO-SWITCH-MIB::cpoAlarmSeverity." + alarm.number() + " = INTEGER: critical(1)"));
    }
  }
}
