package dev.cpo.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.SensorKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first question on a dark CPO port, answered from the evidence of both ends of each link:
 * replace my laser module, or look elsewhere? Real simulator, manual clock.
 */
class LinkRootCausesOnSimulatorTest {

  @TempDir Path state;

  private static List<Alarm> notified(SimRig rig) {
    return rig.events.settled(AgentEvent.AlarmRaised.class).stream().map(AgentEvent.AlarmRaised::alarm).toList();
  }

  @Test
  void aLocalLaserFailureGivesATxFaultAndARemoteFaultOnExactlyItsLanesAndOneRootSayingReplaceEls3() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("laser-failure", "els3/laser5");
      rig.runSeconds(30);
      assertThat(notified(rig)).hasSize(1);
      Alarm root = notified(rig).get(0);
      assertThat(root.id()).isEqualTo("laser-failure/els3/laser5");
      assertThat(root.serviceability().replace()).isEqualTo("els3");
      assertThat(root.serviceability().fieldReplaceable()).isTrue();
      assertThat(root.serviceability().advice()).contains("Replace laser module els3");
      List<Alarm> lanes = rig.agent.latest().activeAlarms().stream()
          .filter(a -> a.condition().equals("lane-tx-fault")).toList();
      assertThat(lanes).extracting(Alarm::entity)
          .containsExactlyInAnyOrder("port17/lane3", "port18/lane3", "port19/lane3", "port20/lane3");
      assertThat(lanes).allMatch(a -> a.text().contains("remote fault") && root.id().equals(a.rootCauseId()));
      // The far end's light still arrives on those lanes.
      assertThat(rig.reading("port17/lane3", SensorKind.RX_POWER)).isCloseTo(-1, within(0.6));
      assertThat(rig.reading("port17/lane3", SensorKind.TX_POWER)).isEqualTo(-40);
    }
  }

  @Test
  void aFarEndTransmitterFailureGivesRxLosAndARootNamingTheFarEndOrTheFibreWithNothingLocalToReplace() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("far-end-tx-failure", "port17/lane3");
      rig.runSeconds(30);
      assertThat(notified(rig)).hasSize(1);
      Alarm root = notified(rig).get(0);
      assertThat(root.id()).isEqualTo("far-end-los/port17/lane3");
      assertThat(root.text()).contains("No light received on port17/lane3").contains("els3/laser5 is healthy")
          .contains("far end's transmitter or the fibre");
      assertThat(root.serviceability().replace()).isEmpty();
      assertThat(root.serviceability().fieldReplaceable()).isFalse();
      assertThat(root.serviceability().advice()).contains("far end").contains("nothing in this switch");
      assertThat(rig.agent.latest().activeAlarms()).filteredOn(a -> !a.isRootCause())
          .extracting(Alarm::id).contains("lane-los/port17/lane3", "port-degraded/port17")
          .allMatch(id -> true);
      assertThat(rig.agent.latest().activeAlarms()).filteredOn(a -> !a.isRootCause())
          .allMatch(a -> a.rootCauseId().equals(root.id()));
    }
  }

  @Test
  void aFiberCutOfDirectionBothGivesOneAlarmForThatPortsFibre() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("fiber-cut", "port42", Map.of(), Map.of("direction", "both"));
      rig.runSeconds(30);
      assertThat(notified(rig)).extracting(Alarm::id).containsExactly("port-fibre-dark/port42");
      Alarm root = notified(rig).get(0);
      assertThat(root.text()).contains("fibre or connector");
      assertThat(root.serviceability().advice()).contains("fibre and connector of port42");
      assertThat(root.serviceability().replace()).isEmpty();
      assertThat(rig.agent.latest().activeAlarms()).filteredOn(a -> !a.isRootCause())
          .extracting(Alarm::entity).contains("port42", "port42/lane1", "port42/lane4");
    }
  }

  @Test
  void aFiberCutTowardsTheFarEndGivesARemoteFaultRootNamingThatFibre() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("fiber-cut", "port42/lane2", Map.of(), Map.of("direction", "tx"));
      rig.runSeconds(30);
      assertThat(notified(rig)).extracting(Alarm::id).containsExactly("far-end-no-light/port42/lane2");
      assertThat(notified(rig).get(0).serviceability().advice()).contains("towards the far end");
    }
  }

  @Test
  void aDirtyFibreThatCostsLockSaysCleanTheConnector() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("fiber-dirty", "port42/lane3", Map.of("lossDb", 6.0));
      rig.runSeconds(30);
      List<Alarm> roots = notified(rig);
      assertThat(roots).extracting(Alarm::id).contains("dirty-fibre/port42/lane3");
      Alarm dirty = roots.stream().filter(a -> a.condition().equals("dirty-fibre")).findFirst().orElseThrow();
      assertThat(dirty.text()).contains("lost lock").contains("dirty or damaged connector");
      assertThat(dirty.serviceability().advice()).startsWith("Clean the connector of port42");
      assertThat(dirty.serviceability().replace()).isEmpty();
    }
  }
}
