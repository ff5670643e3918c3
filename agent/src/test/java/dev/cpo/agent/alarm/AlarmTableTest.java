package dev.cpo.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table reconciles and returns what changed; it publishes nothing itself. */
class AlarmTableTest {

  private final AlarmTable table = new AlarmTable(new ServiceabilityAdvisor(SimulatedSwitch.builder()
      .profile("quantum-x-photonics-115t").clock(new ManualClock()).build().inventory()), 10);

  private static Map<String, AlarmCandidate> of(AlarmCandidate... cs) {
    Map<String, AlarmCandidate> m = new LinkedHashMap<>();
    for (AlarmCandidate c : cs) {
      m.put(c.id(), c);
    }
    return m;
  }

  private final AlarmCandidate root = AlarmCandidate.root(AlarmConditions.LASER_FAILURE, "els3/laser5", "failed",
      List.of("port17", "port17/lane3"));
  private final AlarmCandidate symptom = AlarmCandidate.of(AlarmConditions.LANE_LOS, "port17/lane3", "los");
  private final AlarmCandidate other = AlarmCandidate.of(AlarmConditions.FAN_FAILURE, "fan2", "stopped");

  @Test
  void aRootAndItsSymptomAreReturnedRootFirstAndOnlyTheRootIsNotified() {
    List<AlarmTransition> t = table.reconcile(of(symptom, root), 1000);
    assertThat(t).extracting(x -> x.alarm().id(), AlarmTransition::raised, AlarmTransition::notified).containsExactly(
        tuple("laser-failure/els3/laser5", true, true),
        tuple("lane-los/port17/lane3", true, false));
    assertThat(t.get(1).alarm().rootCauseId()).isEqualTo("laser-failure/els3/laser5");
    assertThat(table.reconcile(of(symptom, root), 2000)).isEmpty();
  }

  @Test
  void clearsAreReturnedWithTheirClearTimeBeforeNewRaises() {
    table.reconcile(of(root, symptom), 1000);
    List<AlarmTransition> t = table.reconcile(of(AlarmCandidate.of(AlarmConditions.FAN_FAILURE, "fan2", "stopped")), 5000);
    assertThat(t).extracting(x -> x.alarm().id(), AlarmTransition::raised, AlarmTransition::notified).containsExactly(
        tuple("laser-failure/els3/laser5", false, true),
        tuple("lane-los/port17/lane3", false, false),
        tuple("fan-failure/fan2", true, true));
    assertThat(t.get(0).alarm().clearedAtMillis()).isEqualTo(5000);
    assertThat(table.history()).extracting(Alarm::id).containsExactly("lane-los/port17/lane3", "laser-failure/els3/laser5");
    assertThat(table.clearAll(6000)).extracting(x -> x.alarm().id()).containsExactly("fan-failure/fan2");
    assertThat(other.severity()).isEqualTo(Severity.MAJOR);
  }

  @Test
  void theTableKnowsNoEventBus() {
    assertThat(AlarmTable.class.getDeclaredFields()).noneMatch(f -> f.getType().getPackageName().equals("dev.cpo.agent.event"));
    assertThat(AlarmTable.class.getConstructors()).allSatisfy(c -> assertThat(c.getParameterTypes())
        .noneMatch(p -> p.getPackageName().equals("dev.cpo.agent.event")));
  }
}
