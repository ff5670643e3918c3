package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Serviceability;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.OperState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

class EntityStateMibTest {

  private static final OID STATE = new OID("1.3.6.1.2.1.131.1.1.1");

  private final TinySwitch sw = new TinySwitch();

  private OID cell(int column, String entity) {
    return new OID(STATE).append(column).append(sw.inventory.require(entity).index() + 1);
  }

  static Alarm alarm(String condition, Severity severity, String entity) {
    return new Alarm(Alarm.idOf(condition, entity), condition, severity, entity, condition + " on " + entity,
        1_700_000_000_000L, 0, 61.5, 60.0, null, List.of(), new Serviceability("els1", true, "Replace els1."));
  }

  @Test
  void aFailedLaserIsDisabledIdleAndFlagsItsAlarmSeverity() throws Exception {
    FixedAgentView view = new FixedAgentView(sw.state("els1/laser1", OperState.FAILED).snapshot());
    view.alarms(List.of(alarm("laser-failure", Severity.CRITICAL, "els1/laser1"),
        alarm("laser.temp-highWarning", Severity.WARNING, "els1/laser1")));
    InProcessSnmp snmp = new InProcessSnmp(new EntityStateMib(view));

    PDU r = snmp.get(cell(2, "els1/laser1"), cell(3, "els1/laser1"), cell(4, "els1/laser1"), cell(5, "els1/laser1"),
        cell(6, "els1/laser1"), cell(3, "els1/laser2"), cell(5, "els1/laser2"));

    assertThat(r.get(0).getVariable().toInt()).isEqualTo(EntityStateMib.ADMIN_UNLOCKED);
    assertThat(r.get(1).getVariable().toInt()).isEqualTo(EntityStateMib.OPER_DISABLED);
    assertThat(r.get(2).getVariable().toInt()).isEqualTo(EntityStateMib.USAGE_IDLE);
    // RFC 4268 EntityAlarmStatus BITS: critical(2) and warning(5)
    assertThat(((OctetString) r.get(3).getVariable()).getValue()).containsExactly((byte) 0x24);
    assertThat(r.get(4).getVariable().toInt()).isEqualTo(EntityStateMib.STANDBY_UNKNOWN);
    assertThat(r.get(5).getVariable().toInt()).isEqualTo(EntityStateMib.OPER_ENABLED);
    assertThat(((OctetString) r.get(6).getVariable()).getValue()).containsExactly((byte) 0);
  }

  @Test
  void everyPresentEntityHasARowAndPulledOnesDoNot() throws Exception {
    FixedAgentView view = new FixedAgentView(sw.pull("els2").snapshot());
    InProcessSnmp snmp = new InProcessSnmp(new EntityStateMib(view));

    assertThat(snmp.walk(new OID(STATE).append(3))).hasSize(sw.inventory.entities().size() - 3);
  }

  @Test
  void lastChangedFollowsStateChangeEvents() throws Exception {
    FixedAgentView view = new FixedAgentView(sw.snapshot());
    EntityStateMib mib = new EntityStateMib(view);
    InProcessSnmp snmp = new InProcessSnmp(mib);
    OctetString before = (OctetString) snmp.get(cell(1, "port2")).get(0).getVariable();
    mib.start((oid, vbs) -> { });

    long at = 1_800_000_000_000L;
    view.bus().publish(new AgentEvent.StateChanged(view.bus().nextSeq(), at, "port2", EntityClass.PORT,
        EntityStatus.of(OperState.UP), EntityStatus.of(OperState.DOWN)));

    assertThat(snmp.get(cell(1, "port2")).get(0).getVariable()).isEqualTo(Dates.ofEpochMillis(at))
        .isNotEqualTo(before);
    assertThat(snmp.get(cell(1, "port1")).get(0).getVariable()).isEqualTo(before);
    mib.stop();
  }
}
