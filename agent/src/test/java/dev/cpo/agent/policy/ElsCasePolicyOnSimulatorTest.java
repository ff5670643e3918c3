package dev.cpo.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.OperState;
import dev.cpo.hal.SensorKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's default laser module policy (config/policies.yaml, els-case-overtemp) on the real simulator:
 * a module whose case passes its alarm level is shut down (lasers and TECs off), restarted once its case
 * has been below its warning level for 120 s, at most 3 times, then kept off until an operator resets it.
 */
class ElsCasePolicyOnSimulatorTest {

  @TempDir Path state;

  @Test
  void bothFansFailedGivesShutdownsAndAtMostThreeRestartsThenOneLatchWithNoLimitCycleAndStateMatchingPower() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("fan-failure", "fan1");
      rig.inject("fan-failure", "fan2");
      double electronicsAmps = 5.5 / 3.3;
      int stateChanges = 0;
      int hardwareTrips = 0;
      OperState previous = OperState.UP;
      OperState twoAgo = OperState.UP;
      OperState oneAgo = OperState.UP;
      for (int s = 0; s < 1500; s++) {
        rig.runSeconds(1);
        EntityStatus st = rig.agent.latest().hal().entityStatus("els3");
        OperState now = st.state();
        if (now != previous) {
          stateChanges++;
          if (now == OperState.FAILED) {
            hardwareTrips++;
          }
        }
        // What the module reports and what it draws agree (its supply current sensor samples every 2 s).
        double amps = rig.reading("els3", SensorKind.SUPPLY_CURRENT);
        boolean off = now == OperState.DISABLED || now == OperState.FAILED;
        if (off && twoAgo == now && oneAgo == now) {
          assertThat(amps).as("a shut-down module draws only its controller (t=%d s)", s)
              .isLessThan(electronicsAmps + 0.1);
        } else if (now == OperState.UP && twoAgo == OperState.UP && oneAgo == OperState.UP) {
          assertThat(amps).as("a running module draws its lasers and TECs (t=%d s)", s).isGreaterThan(3);
        }
        twoAgo = oneAgo;
        oneAgo = now;
        previous = now;
      }
      List<String> actions = actions(rig);
      long shutdowns = actions.stream().filter("els-shutdown"::equals).count();
      long restarts = actions.stream().filter("els-restart"::equals).count();
      assertThat(shutdowns).as("actions: %s", actions).isPositive();
      assertThat(restarts).as("restarts, at most maxTries: %s", actions).isBetween(1L, 3L);
      assertThat(shutdowns).as("each restart heated it up again: %s", actions).isEqualTo(restarts + 1);
      assertThat(actions).as("one latch").filteredOn("latch"::equals).hasSize(1);
      assertThat(hardwareTrips).as("the policy acts before the module's own 85 C latch").isZero();
      // Its lasers' monitors are not valid while it is off: no laser policy acts on them as well.
      assertThat(rig.events.settled(AgentEvent.ActionTaken.class)).noneMatch(e -> e.entity().startsWith("els3/"));
      // The last try spent: it stays off, latched, and says so.
      assertThat(previous).isEqualTo(OperState.DISABLED);
      assertThat(rig.active("protection-latched/els3")).isTrue();
      assertThat(rig.active("els-shutdown/els3")).isTrue();
      assertThat(stateChanges).as("no limit cycle").isLessThanOrEqualTo(2 * 3 + 2);
      // Another ten minutes: nothing moves.
      rig.runSeconds(600);
      assertThat(actions(rig)).isEqualTo(actions);
      assertThat(rig.agent.latest().hal().entityStatus("els3").state()).isEqualTo(OperState.DISABLED);

      // The operator's reset restarts it (its case is cool by now: only the controller heats it).
      rig.agent.resetProtection("els3");
      rig.runSeconds(10);
      assertThat(rig.agent.latest().hal().entityStatus("els3").state()).isEqualTo(OperState.UP);
    }
  }

  private static List<String> actions(SimRig rig) {
    return rig.events.settled(AgentEvent.ActionTaken.class).stream().filter(e -> e.entity().equals("els3"))
        .map(AgentEvent.ActionTaken::action).toList();
  }
}
