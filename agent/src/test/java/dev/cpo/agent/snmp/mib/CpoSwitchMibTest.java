package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Serviceability;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.core.AgentStats;
import dev.cpo.agent.forecast.LaserForecast;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.OperState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

class CpoSwitchMibTest {

  private final TinySwitch sw = new TinySwitch();

  private int phys(String entity) {
    return sw.inventory.require(entity).index() + 1;
  }

  private static OID cell(OID entry, int column, int... index) {
    OID o = new OID(entry).append(column);
    for (int i : index) {
      o.append(i);
    }
    return o;
  }

  private static List<String> values(PDU r) {
    return r.getVariableBindings().stream().map(vb -> vb.getVariable().toString()).toList();
  }

  @Test
  void laserRowsCarryReadingsInTheirMibUnitsAndTheForecast() throws Exception {
    sw.value("els1/laser2:bias", 52.5).value("els1/laser2:tx_power", 3.17).value("els1/laser2:temp", 45.26)
        .value("els1/laser2:tec_current", 41.05).value("els1/laser2:age", 12.5);
    FixedAgentView view = new FixedAgentView(sw.snapshot());
    view.update(view.latest().hal(), List.of(),
        Map.of("els1/laser2", new LaserForecast("els1/laser2", 0.013, 90.0, 3 * 86_400 + 5, 120)), AgentStats.ZERO);
    InProcessSnmp snmp = new InProcessSnmp(new CpoSwitchMib(view));
    int l = phys("els1/laser2");

    PDU r = snmp.get(cell(CpoOids.LASER_ENTRY, 1, l), cell(CpoOids.LASER_ENTRY, 2, l), cell(CpoOids.LASER_ENTRY, 3, l),
        cell(CpoOids.LASER_ENTRY, 4, l), cell(CpoOids.LASER_ENTRY, 5, l), cell(CpoOids.LASER_ENTRY, 6, l),
        cell(CpoOids.LASER_ENTRY, 7, l), cell(CpoOids.LASER_ENTRY, 8, l), cell(CpoOids.LASER_ENTRY, 10, l),
        cell(CpoOids.LASER_ENTRY, 11, l), cell(CpoOids.LASER_ENTRY, 12, l), cell(CpoOids.LASER_ENTRY, 13, l),
        cell(CpoOids.LASER_ENTRY, 14, l));

    assertThat(values(r)).containsExactly("els1/laser2", String.valueOf(phys("els1")), "1", "52500", "317", "453",
        "4105", "1250", "13", "90000", String.valueOf(3 * 86_400 + 5), "3", "120");
  }

  @Test
  void aLaserWithoutForecastHasNoForecastInstances() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new CpoSwitchMib(new FixedAgentView(sw.snapshot())));

    PDU r = snmp.get(cell(CpoOids.LASER_ENTRY, 12, phys("els1/laser1")),
        cell(CpoOids.LASER_ENTRY, 14, phys("els1/laser1")));

    assertThat(r.get(0).getVariable().isException()).isTrue();
    assertThat(r.get(1).getVariable().toInt()).isZero();
  }

  @Test
  void aPulledLaserModuleKeepsItsRowAsAbsentWithoutReadings() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new CpoSwitchMib(new FixedAgentView(sw.pull("els2").snapshot())));
    int m = phys("els2");

    PDU r = snmp.get(cell(CpoOids.LASER_MODULE_ENTRY, 1, m), cell(CpoOids.LASER_MODULE_ENTRY, 2, m),
        cell(CpoOids.LASER_MODULE_ENTRY, 3, m), cell(CpoOids.LASER_MODULE_ENTRY, 5, m),
        cell(CpoOids.LASER_MODULE_ENTRY, 7, m), cell(CpoOids.LASER_ENTRY, 3, phys("els2/laser1")),
        cell(CpoOids.LASER_ENTRY, 4, phys("els2/laser1")));

    assertThat(values(r).subList(0, 3)).containsExactly("els2", "2", "7"); // present false(2), absent(7)
    assertThat(r.get(3).getVariable().isException()).isTrue();
    assertThat(r.get(4).getVariable().toInt()).isEqualTo(1);
    assertThat(r.get(5).getVariable().toInt()).isEqualTo(7);
    assertThat(r.get(6).getVariable().isException()).isTrue();
    assertThat(snmp.walk(new OID(CpoOids.LASER_MODULE_ENTRY).append(1))).hasSize(2);
  }

  @Test
  void opticalEnginesHaveTemperatureStateAndFruFlag() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new CpoSwitchMib(
        new FixedAgentView(sw.value("oe1:temp", 71.04).state("oe1", OperState.DEGRADED).snapshot())));
    int oe = phys("oe1");

    assertThat(values(snmp.get(cell(CpoOids.OPTICAL_ENGINE_ENTRY, 1, oe), cell(CpoOids.OPTICAL_ENGINE_ENTRY, 2, oe),
        cell(CpoOids.OPTICAL_ENGINE_ENTRY, 3, oe), cell(CpoOids.OPTICAL_ENGINE_ENTRY, 4, oe),
        cell(CpoOids.OPTICAL_ENGINE_ENTRY, 5, oe)))).containsExactly("oe1", "2", "710", "2", "OE-0001");
  }

  @Test
  void lanesAreIndexedByIfIndexAndLaneWithPowerBerFecAndTheirLaser() throws Exception {
    sw.value("port2/lane1:rx_power", -2.345).value("port2/lane1:tx_power", 1.5).value("port2/lane1:pre_fec_ber", 2.4e-5)
        .laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 2, 1, 5_000_000_000L)
        .laneCounter(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, 2, 1, 3);
    InProcessSnmp snmp = new InProcessSnmp(new CpoSwitchMib(new FixedAgentView(sw.snapshot())));

    PDU r = snmp.get(cell(CpoOids.LANE_ENTRY, 2, 2, 1), cell(CpoOids.LANE_ENTRY, 3, 2, 1),
        cell(CpoOids.LANE_ENTRY, 4, 2, 1), cell(CpoOids.LANE_ENTRY, 5, 2, 1), cell(CpoOids.LANE_ENTRY, 6, 2, 1),
        cell(CpoOids.LANE_ENTRY, 7, 2, 1), cell(CpoOids.LANE_ENTRY, 8, 2, 1), cell(CpoOids.LANE_ENTRY, 9, 2, 1));

    assertThat(values(r)).containsExactly("1", "-235", "150", "2.40E-05", "5000000000", "3",
        String.valueOf(phys("els1/laser2")), String.valueOf(phys("port2/lane1")));
    assertThat(snmp.walk(new OID(CpoOids.LANE_ENTRY).append(3))).extracting(vb -> vb.getOid().toString())
        .containsExactly(CpoOids.LANE_ENTRY + ".3.1.1", CpoOids.LANE_ENTRY + ".3.1.2", CpoOids.LANE_ENTRY + ".3.2.1",
            CpoOids.LANE_ENTRY + ".3.2.2");
  }

  @Test
  void activeAlarmsAreRowsWithRootCauseAndWhatToReplace() throws Exception {
    Alarm root = new Alarm("laser-failure/els1/laser1", "laser-failure", Severity.CRITICAL, "els1/laser1",
        "Laser els1/laser1 failed", 1_700_000_000_000L, 0, Double.NaN, Double.NaN, null,
        List.of("port1/lane1", "port1/lane2"), new Serviceability("els1", true, "Replace laser module els1."));
    Alarm symptom = new Alarm("lane-los/port1/lane1", "lane-los", Severity.MAJOR, "port1/lane1", "Loss of signal",
        1_700_000_000_500L, 0, -40.0, -12.0, root.id(), List.of(), new Serviceability("els1", true, "-"));
    FixedAgentView view = new FixedAgentView(sw.snapshot()).alarms(List.of(root, symptom));
    InProcessSnmp snmp = new InProcessSnmp(new CpoSwitchMib(view));
    int n = symptom.number();

    PDU r = snmp.get(cell(CpoOids.ALARM_ENTRY, 2, n), cell(CpoOids.ALARM_ENTRY, 4, n), cell(CpoOids.ALARM_ENTRY, 5, n),
        cell(CpoOids.ALARM_ENTRY, 9, n), cell(CpoOids.ALARM_ENTRY, 10, n), cell(CpoOids.ALARM_ENTRY, 11, n),
        cell(CpoOids.ALARM_ENTRY, 12, n), cell(CpoOids.ALARM_ENTRY, 13, n), cell(CpoOids.ALARM_ENTRY, 11, root.number()),
        new OID(CpoOids.ALARM_ACTIVE_COUNT));

    assertThat(values(r)).containsExactly("lane-los/port1/lane1", "2", String.valueOf(phys("port1/lane1")), "-40",
        "-12", String.valueOf(root.number()), "els1", "1", "0", "2");
    assertThat(snmp.walk(new OID(CpoOids.ALARM_ENTRY).append(7))).hasSize(2);
  }

  @Test
  void agentStatisticsComeFromTheSnapshot() throws Exception {
    FixedAgentView view = new FixedAgentView(sw.snapshot());
    view.update(view.latest().hal(), List.of(), Map.of(), new AgentStats(1234, 870, 5, 2, 99));
    InProcessSnmp snmp = new InProcessSnmp(new CpoSwitchMib(view));

    assertThat(values(snmp.get(new OID(CpoOids.STATS).append("1.0"), new OID(CpoOids.STATS).append("2.0"),
        new OID(CpoOids.STATS).append("3.0"), new OID(CpoOids.STATS).append("4.0"),
        new OID(CpoOids.STATS).append("5.0")))).containsExactly("1234", "870", "5", "2", "99");
  }

  @Test
  void alarmEventsAndProtectiveActionsBecomeNotificationsWithTheirVarbinds() throws Exception {
    FixedAgentView view = new FixedAgentView(sw.snapshot());
    CpoSwitchMib mib = new CpoSwitchMib(view);
    List<OID> oids = new CopyOnWriteArrayList<>();
    List<List<VariableBinding>> varbinds = new CopyOnWriteArrayList<>();
    mib.start((oid, vbs) -> {
      oids.add(oid);
      varbinds.add(vbs);
    });
    Alarm a = new Alarm("laser.bias-highAlarm/els1/laser1", "laser.bias-highAlarm", Severity.MAJOR, "els1/laser1",
        "Bias high", 1_700_000_000_000L, 0, 95.5, 90.0, null, List.of(), new Serviceability("els1", true, "x"));

    view.bus().publish(new AgentEvent.AlarmRaised(view.bus().nextSeq(), 1, a));
    view.bus().publish(new AgentEvent.AlarmCleared(view.bus().nextSeq(), 2, a.cleared(2)));
    view.bus().publish(new AgentEvent.ActionTaken(view.bus().nextSeq(), 3, "laser-disable", "els1/laser1",
        "laser-failure-disable", "bias runaway", a.id()));
    mib.stop();
    view.bus().publish(new AgentEvent.AlarmRaised(view.bus().nextSeq(), 4, a));

    assertThat(oids).containsExactly(CpoOids.ALARM_RAISED, CpoOids.ALARM_CLEARED, CpoOids.PROTECTIVE_ACTION);
    List<VariableBinding> raised = varbinds.get(0);
    assertThat(raised.get(0).getOid()).isEqualTo(cell(CpoOids.ALARM_ENTRY, 5, a.number()));
    assertThat(raised).extracting(vb -> vb.getVariable().toString()).startsWith(
        String.valueOf(phys("els1/laser1")), "2", "95.5", "90", "Bias high", a.id());
    assertThat(varbinds.get(2)).extracting(vb -> vb.getVariable().toString()).containsExactly("laser-disable",
        String.valueOf(phys("els1/laser1")), "els1/laser1", "laser-failure-disable", "bias runaway", a.id());
  }
}
