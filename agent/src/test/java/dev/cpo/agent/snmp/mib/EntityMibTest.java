package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.EntityClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

class EntityMibTest {

  private static final OID PHYSICAL = new OID("1.3.6.1.2.1.47.1.1.1.1");

  private final TinySwitch sw = new TinySwitch();
  private final FixedAgentView view = new FixedAgentView(sw.snapshot());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private static OID col(int column, int index) {
    return new OID(PHYSICAL).append(column).append(index);
  }

  @Test
  void everyEntityAndEverySensorHasAnEntPhysicalRow() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntityMib(view, scheduler, Duration.ofSeconds(5)));

    List<VariableBinding> classes = snmp.walk(new OID(PHYSICAL).append(5));

    // RFC 6933 + RFC 3433: a sensor is an entPhysicalTable row of class sensor(8)
    int entities = sw.inventory.entities().size();
    assertThat(classes).hasSize(entities + sw.inventory.sensors().size());
    assertThat(classes.stream().filter(vb -> vb.getVariable().toInt() == PhysicalClass.SENSOR).count())
        .isEqualTo(sw.inventory.sensors().size());
  }

  @Test
  void rowsCarryContainmentClassFruFlagSerialAndName() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntityMib(view, scheduler, Duration.ofSeconds(5)));
    int els1 = sw.inventory.require("els1").index() + 1;
    int laser = sw.inventory.require("els1/laser2").index() + 1;
    int bias = sw.inventory.entities().size() + sw.sensor("els1/laser2:bias").index() + 1;

    PDU r = snmp.get(col(4, els1), col(5, els1), col(6, els1), col(7, els1), col(11, els1), col(16, els1),
        col(4, laser), col(6, laser), col(5, 1), col(4, 1), col(4, bias), col(5, bias), col(7, bias), col(16, bias),
        col(19, els1));

    assertThat(r.getErrorStatus()).isZero();
    assertThat(r.get(0).getVariable().toInt()).isEqualTo(1); // contained in the chassis
    assertThat(r.get(1).getVariable().toInt()).isEqualTo(PhysicalClass.MODULE);
    // RFC 6933: siblings share parent and class, so asic1 (module in the chassis) is 1 and els1 is 2
    assertThat(r.get(2).getVariable().toInt()).isEqualTo(2);
    assertThat(r.get(3).getVariable()).hasToString("els1");
    assertThat(r.get(4).getVariable()).hasToString("ELS-0001");
    assertThat(r.get(5).getVariable().toInt()).isEqualTo(1); // FRU true(1)
    assertThat(r.get(6).getVariable().toInt()).isEqualTo(els1);
    assertThat(r.get(7).getVariable().toInt()).isEqualTo(2);
    assertThat(r.get(8).getVariable().toInt()).isEqualTo(PhysicalClass.CHASSIS);
    assertThat(r.get(9).getVariable().toInt()).isZero();
    assertThat(r.get(10).getVariable().toInt()).isEqualTo(laser);
    assertThat(r.get(11).getVariable().toInt()).isEqualTo(PhysicalClass.SENSOR);
    assertThat(r.get(12).getVariable()).hasToString("els1/laser2:bias");
    assertThat(r.get(13).getVariable().toInt()).isEqualTo(2);
    assertThat(((OctetString) r.get(14).getVariable()).length()).isEqualTo(16); // entPhysicalUUID from the serial
  }

  @Test
  void aPulledLaserModuleAndEverythingInItLeaveTheTables() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntityMib(view, scheduler, Duration.ofSeconds(5)));
    int before = snmp.walk(new OID(PHYSICAL).append(7)).size();

    view.hal(sw.pull("els2").snapshot());

    List<String> names = snmp.walk(new OID(PHYSICAL).append(7)).stream()
        .map(vb -> vb.getVariable().toString()).collect(Collectors.toList());
    // els2, its two lasers, its two sensors and the lasers' ten sensors
    assertThat(names).hasSize(before - 15).noneMatch(n -> n.startsWith("els2"));
    assertThat(snmp.get(col(7, sw.inventory.require("els2").index() + 1)).get(0).getVariable().isException())
        .isTrue();
    assertThat(snmp.walk(new OID("1.3.6.1.2.1.47.1.3.3.1.1")))
        .noneMatch(vb -> vb.getVariable().toInt() == sw.inventory.require("els2/laser1").index() + 1);
  }

  @Test
  void aliasMappingPointsEachPortAtItsIfIndex() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntityMib(view, scheduler, Duration.ofSeconds(5)));

    Map<String, String> aliases = snmp.walk(new OID("1.3.6.1.2.1.47.1.3.2.1.2")).stream()
        .collect(Collectors.toMap(vb -> vb.getOid().toString(), vb -> vb.getVariable().toString()));

    int port2 = sw.inventory.require("port2").index() + 1;
    assertThat(aliases).hasSize(2).containsEntry("1.3.6.1.2.1.47.1.3.2.1.2." + port2 + ".0", "1.3.6.1.2.1.2.2.1.1.2");
  }

  @Test
  void containsTableListsEachChildUnderItsParent() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntityMib(view, scheduler, Duration.ofSeconds(5)));
    int els1 = sw.inventory.require("els1").index() + 1;

    List<Integer> children = snmp.walk(new OID("1.3.6.1.2.1.47.1.3.3.1.1").append(els1)).stream()
        .map(vb -> vb.getVariable().toInt()).collect(Collectors.toList());

    int entities = sw.inventory.entities().size();
    assertThat(children).containsExactly(els1 + 1, els1 + 2,
        entities + sw.sensor("els1:temp").index() + 1, entities + sw.sensor("els1:voltage").index() + 1);
  }

  @Test
  void moduleSwapsAreNotifiedAtMostOncePerThrottlePeriodAndNoneIsLost() throws Exception {
    List<OID> sent = new CopyOnWriteArrayList<>();
    EntityMib mib = new EntityMib(view, scheduler, Duration.ofMillis(300));
    InProcessSnmp snmp = new InProcessSnmp(mib);
    mib.start((oid, vbs) -> sent.add(oid));

    view.bus().publish(new AgentEvent.EntityRemoved(view.bus().nextSeq(), 1, "els2", EntityClass.LASER_MODULE));
    view.bus().publish(new AgentEvent.EntityAdded(view.bus().nextSeq(), 2, "els2", EntityClass.LASER_MODULE));
    view.bus().publish(new AgentEvent.EntityRemoved(view.bus().nextSeq(), 3, "els1", EntityClass.LASER_MODULE));

    // RFC 6933 entConfigChange: the first at once, the rest folded into one at the end of the period
    assertThat(sent).containsExactly(EntityMib.ENT_CONFIG_CHANGE);
    await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2);
    assertThat(((TimeTicks) snmp.get(new OID("1.3.6.1.2.1.47.1.4.1.0")).get(0).getVariable()).getValue())
        .isEqualTo(mib.lastChangeTime().getValue());
    mib.stop();
  }

  @Test
  void entLastChangeTimeStaysZeroWithoutChanges() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntityMib(view, scheduler, Duration.ofSeconds(5)));

    assertThat(snmp.get(new OID("1.3.6.1.2.1.47.1.4.1.0")).get(0).getVariable()).isEqualTo(new TimeTicks(0));
  }
}
