package dev.cpo.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.core.Agent;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.EventRecorder;
import dev.cpo.agent.testing.FakeSwitch;
import dev.cpo.agent.testing.TestAgents;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.OperState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default policies in config/policies.yaml fire, revert and latch as configured. */
class DefaultPoliciesTest {

  static final String LASER = "els1/laser3";

  @TempDir Path state;
  FakeSwitch sw;
  Agent agent;
  EventRecorder events;

  @BeforeEach
  void setUp() {
    sw = new FakeSwitch();
    agent = new Agent(TestAgents.config(state), sw);
    events = new EventRecorder(agent.events());
    agent.pollOnce();
  }

  @AfterEach
  void tearDown() {
    agent.stop();
  }

  void pollSeconds(int seconds) {
    for (int i = 0; i < seconds; i++) {
      sw.testClock().advance(Duration.ofSeconds(1));
      agent.pollOnce();
    }
  }

  /** Overheats the laser until the policy disables it, then lets it cool until it is re-enabled or latched. */
  void overheatAndCool() {
    sw.set(LASER + ":temp", 62);
    // 3 samples of debounce, then the 10 s hold.
    pollSeconds(14);
    assertThat(sw.state(LASER).state()).isEqualTo(OperState.DISABLED);
    sw.set(LASER + ":temp", 50);
    pollSeconds(61);
  }

  @Test
  void anOverheatedLaserIsDisabledAfterTheHoldAndReEnabledAfterCooling() {
    sw.set(LASER + ":temp", 62);
    pollSeconds(12);
    assertThat(sw.state(LASER).state()).isEqualTo(OperState.UP);
    pollSeconds(2);
    assertThat(sw.controls()).containsExactly("laser " + LASER + " enabled=false");
    sw.set(LASER + ":temp", 54);
    pollSeconds(59);
    assertThat(sw.state(LASER).state()).isEqualTo(OperState.DISABLED);
    pollSeconds(2);
    assertThat(sw.controls()).containsExactly("laser " + LASER + " enabled=false", "laser " + LASER + " enabled=true");
    assertThat(events.settled(AgentEvent.ActionTaken.class)).extracting(AgentEvent.ActionTaken::action)
        .containsExactly("laser-disable", "laser-enable");
  }

  @Test
  void aLaserThatKeepsOverheatingStaysOffAfterThreeTriesUntilTheOperatorResetsIt() {
    overheatAndCool();
    overheatAndCool();
    overheatAndCool();
    pollSeconds(1);
    assertThat(sw.state(LASER).state()).isEqualTo(OperState.DISABLED);
    assertThat(sw.controls()).filteredOn(c -> c.endsWith("enabled=false")).hasSize(3);
    assertThat(sw.controls()).filteredOn(c -> c.endsWith("enabled=true")).hasSize(2);
    assertThat(agent.latest().activeAlarms()).anyMatch(a -> a.condition().equals("protection-latched")
        && a.entity().equals(LASER));
    pollSeconds(120);
    assertThat(sw.state(LASER).state()).isEqualTo(OperState.DISABLED);

    assertThat(agent.resetProtection(LASER)).isEqualTo(1);
    assertThat(sw.state(LASER).state()).isEqualTo(OperState.UP);
    pollSeconds(1);
    assertThat(agent.latest().activeAlarms()).noneMatch(a -> a.condition().equals("protection-latched"));
  }

  @Test
  void anAsicAtItsCriticalTemperatureIsShutDownAndRestartedOnlyAfterTwoMinutesCool() {
    sw.set("asic1:temp", 121);
    pollSeconds(2);
    assertThat(sw.controls()).containsExactly("asic asic1 shutdown=true");
    sw.set("asic1:temp", 60);
    // config/policies.yaml: restart once below the warning level for 120 s, at most 3 times.
    pollSeconds(100);
    assertThat(sw.controls()).containsExactly("asic asic1 shutdown=true");
    assertThat(sw.state("asic1").state()).isEqualTo(OperState.DISABLED);
    assertThat(agent.latest().activeAlarms()).anyMatch(a -> a.condition().equals("asic-shutdown"));
    pollSeconds(200);
    assertThat(sw.controls()).containsExactly("asic asic1 shutdown=true", "asic asic1 shutdown=false");
    assertThat(events.settled(AgentEvent.ActionTaken.class)).extracting(AgentEvent.ActionTaken::action)
        .containsExactly("asic-shutdown", "asic-restart");
  }

  @Test
  void aFailedFanSendsTheOtherFanToFullSpeedAndBackOnceItRecovers() {
    sw.state("fan1", EntityStatus.of(OperState.FAILED));
    pollSeconds(1);
    assertThat(sw.controls()).containsExactly("fan fan2 speed=100.0");
    sw.state("fan1", EntityStatus.of(OperState.UP));
    pollSeconds(29);
    assertThat(sw.controls()).hasSize(1);
    pollSeconds(2);
    assertThat(sw.controls()).containsExactly("fan fan2 speed=100.0", "fan fan2 speed=60.0");
    assertThat(events.settled(AgentEvent.ActionTaken.class)).extracting(AgentEvent.ActionTaken::action)
        .containsExactly("fans-full-speed", "fans-normal-speed");
  }
}
