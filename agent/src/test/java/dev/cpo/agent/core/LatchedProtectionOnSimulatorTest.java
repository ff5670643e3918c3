package dev.cpo.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.OperState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's default ASIC policy on the real simulator: shut down, restart when cool, at most K times. */
class LatchedProtectionOnSimulatorTest {

  @TempDir Path state;

  @Test
  void coolantFlowLostForTenMinutesGivesAShutdownAndThePolicysRestartsAtMostThreeThenItStaysOff() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("coolant-flow-loss", "loop1", Map.of("lossPercent", 100.0));
      int stateChanges = 0;
      OperState previous = OperState.UP;
      for (int s = 0; s < 600; s++) {
        rig.runSeconds(1);
        OperState now = rig.agent.latest().hal().entityStatus("asic1").state();
        if (now != previous) {
          stateChanges++;
        }
        // What the ASIC reports and what it draws agree at every poll.
        double watts = rig.reading("asic1", dev.cpo.hal.SensorKind.POWER);
        if (now == OperState.DISABLED || now == OperState.FAILED) {
          assertThat(watts).as("an ASIC that is off draws nothing (t=%d s)", s).isLessThan(1);
        } else {
          assertThat(watts).as("a running ASIC draws its power (t=%d s)", s).isGreaterThan(100);
        }
        previous = now;
      }
      List<String> actions = rig.events.settled(AgentEvent.ActionTaken.class).stream()
          .filter(e -> e.entity().equals("asic1")).map(AgentEvent.ActionTaken::action).toList();
      long shutdowns = actions.stream().filter("asic-shutdown"::equals).count();
      long restarts = actions.stream().filter("asic-restart"::equals).count();
      assertThat(shutdowns).isPositive();
      assertThat(restarts).as("restarts, at most maxTries: %s", actions).isLessThanOrEqualTo(3);
      assertThat(shutdowns).as("each restart heated it up again: %s", actions).isEqualTo(restarts + 1);
      // The last try spent: it stays off, latched, and says so; no limit cycle.
      assertThat(previous).isIn(OperState.DISABLED, OperState.FAILED);
      assertThat(rig.active("protection-latched/asic1")).isTrue();
      assertThat(stateChanges).isLessThanOrEqualTo(2 * 3 + 1);
      // Another ten minutes: nothing moves.
      rig.runSeconds(600);
      assertThat(rig.events.settled(AgentEvent.ActionTaken.class).stream()
          .filter(e -> e.entity().equals("asic1")).count()).isEqualTo(actions.size());
    }
  }
}
