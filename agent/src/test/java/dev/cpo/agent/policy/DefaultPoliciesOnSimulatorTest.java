package dev.cpo.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.OperState;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default policies of config/policies.yaml acting on the real simulator. */
class DefaultPoliciesOnSimulatorTest {

  static final String LASER = "els3/laser5";

  @TempDir Path state;

  static List<String> actions(SimRig rig) {
    return rig.events.settled(AgentEvent.ActionTaken.class).stream()
        .map(a -> a.action() + " " + a.entity()).toList();
  }

  static OperState state(SimRig rig, String entity) {
    return rig.agent.latest().hal().entityStatus(entity).state();
  }

  @Test
  void aLaserWhoseTecFailsIsDisabledStaysOffWhileHotAndComesBackAfterCoolingUntilItRunsOutOfTries() {
    try (SimRig rig = new SimRig(state)) {
      for (int attempt = 1; attempt <= 3; attempt++) {
        ActiveFault tec = rig.inject("els-tec-failure", LASER, Map.of("riseKelvin", 25.0));
        rig.runSeconds(30);
        assertThat(state(rig, LASER)).as("attempt %d", attempt).isEqualTo(OperState.DISABLED);
        rig.runSeconds(120);
        assertThat(state(rig, LASER)).as("still hot: stays off").isEqualTo(OperState.DISABLED);
        rig.sim.faults().clear(tec.id());
        rig.runSeconds(75);
      }
      // Two re-enables; the third time it latched off.
      assertThat(actions(rig)).containsExactly("laser-disable " + LASER, "laser-enable " + LASER,
          "laser-disable " + LASER, "laser-enable " + LASER, "laser-disable " + LASER, "latch " + LASER);
      assertThat(state(rig, LASER)).isEqualTo(OperState.DISABLED);
      assertThat(rig.active("protection-latched/" + LASER)).isTrue();
      rig.runSeconds(300);
      assertThat(state(rig, LASER)).isEqualTo(OperState.DISABLED);

      rig.agent.resetProtection(LASER);
      rig.runSeconds(30);
      assertThat(state(rig, LASER)).isEqualTo(OperState.UP);
      assertThat(rig.agent.latest().activeAlarms()).isEmpty();
    }
  }

  @Test
  void anAsicAtItsCriticalTemperatureIsShutDownWithOneRootAlarmAndRestartedOnlyOnceCool() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("asic-overtemp", "asic2", Map.of("extraKelvin", 45.0));
      // The policy restarts it only after 120 s below its warning level (config/policies.yaml): not yet.
      rig.runSeconds(100);
      assertThat(actions(rig)).containsExactly("asic-shutdown asic2");
      assertThat(state(rig, "asic2")).isEqualTo(OperState.DISABLED);
      assertThat(rig.reading("asic2", SensorKind.TEMPERATURE)).isLessThan(120);
      Alarm root = rig.agent.latest().activeAlarms().stream().filter(a -> a.condition().equals("asic-shutdown"))
          .findFirst().orElseThrow();
      assertThat(root.affected()).contains("port1", "port144", "port1/lane2").doesNotContain("port1/lane1");
      assertThat(root.serviceability().fieldReplaceable()).isFalse();
      // Every port lost lane 2: their alarms are symptoms of the shutdown, not notifications.
      assertThat(rig.events.settled(AgentEvent.AlarmRaised.class)).extracting(e -> e.alarm().condition())
          .containsExactlyInAnyOrder("asic.temp-highWarning", "asic.temp-highAlarm", "asic-shutdown");
      // Cooled below its warning level for the policy's 120 s, it is restarted.
      rig.runSeconds(140);
      assertThat(actions(rig)).startsWith("asic-shutdown asic2", "asic-restart asic2");
    }
  }

  @Test
  void aFailedFanSendsTheOtherToFullSpeedAndBackToItsDefaultOnceRepaired() {
    try (SimRig rig = new SimRig(state)) {
      double normalRpm = rig.reading("fan2", SensorKind.FAN_SPEED);
      ActiveFault fan = rig.inject("fan-failure", "fan1");
      rig.runSeconds(30);
      assertThat(actions(rig)).containsExactly("fans-full-speed fan1");
      assertThat(rig.reading("fan2", SensorKind.FAN_SPEED)).isGreaterThan(normalRpm * 1.5);
      rig.sim.faults().clear(fan.id());
      rig.runSeconds(60);
      assertThat(actions(rig)).containsExactly("fans-full-speed fan1", "fans-normal-speed fan1");
      assertThat(rig.reading("fan2", SensorKind.FAN_SPEED)).isBetween(normalRpm * 0.9, normalRpm * 1.1);
    }
  }
}
