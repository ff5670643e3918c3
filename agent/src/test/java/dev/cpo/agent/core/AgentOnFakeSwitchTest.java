package dev.cpo.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.EventRecorder;
import dev.cpo.agent.testing.FakeSwitch;
import dev.cpo.agent.testing.TestAgents;
import dev.cpo.hal.ReadingStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's logic against a hand-written fake switch (the acceptance tests use the simulator). */
class AgentOnFakeSwitchTest {

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

  void poll(int times) {
    for (int i = 0; i < times; i++) {
      sw.testClock().advance(Duration.ofSeconds(1));
      agent.pollOnce();
    }
  }

  @Test
  void aSnapshotListenerIsToldOfEachNewSnapshotAfterItIsLatestAndOfNoneOnceRemoved() {
    // One that throws, first, does not keep the others from being told, nor stop the poll.
    agent.addSnapshotListener(() -> {
      throw new IllegalStateException("a listener's bug");
    });
    List<Long> seen = new java.util.ArrayList<>();
    Runnable listener = () -> seen.add(agent.latest().hal().sequence());
    assertThat(agent.addSnapshotListener(listener)).isTrue();
    long first = agent.latest().hal().sequence();

    poll(3);

    assertThat(seen).hasSize(3).doesNotHaveDuplicates().allMatch(s -> s > first)
        .last().isEqualTo(agent.latest().hal().sequence());
    agent.removeSnapshotListener(listener);
    poll(1);
    assertThat(seen).hasSize(3);
  }

  @Test
  void aHealthySwitchHasNoAlarms() {
    poll(5);
    assertThat(agent.latest().activeAlarms()).isEmpty();
    assertThat(events.settled()).isEmpty();
  }

  @Test
  void aFailedLaserRaisesOneNotifiedAlarmNamingItsFourPorts() {
    sw.failLaser("els1/laser3");
    poll(5);
    List<AgentEvent.AlarmRaised> raised = events.settled(AgentEvent.AlarmRaised.class);
    assertThat(raised).hasSize(1);
    Alarm root = raised.get(0).alarm();
    assertThat(root.condition()).isEqualTo("laser-failure");
    assertThat(root.affected()).contains("port1", "port2", "port3", "port4", "port1/lane2", "port4/lane2");
    assertThat(root.affected().stream().filter(a -> !a.contains("/"))).hasSize(4);
    assertThat(root.serviceability().replace()).isEqualTo("els1");
    assertThat(root.serviceability().fieldReplaceable()).isTrue();
    // Each entity whose state changed says so once: the laser and its 4 ports.
    assertThat(events.settled(AgentEvent.StateChanged.class)).extracting(AgentEvent.StateChanged::entity)
        .containsExactlyInAnyOrder("els1/laser3", "port1", "port2", "port3", "port4");
    // The ports' own alarms exist, linked to the root.
    assertThat(agent.latest().activeAlarms()).filteredOn(a -> a.entity().equals("port2"))
        .isNotEmpty().allMatch(a -> root.id().equals(a.rootCauseId()));
  }

  @Test
  void aPulledLaserModuleRaisesOneNotifiedAlarmNamingItsEightPorts() {
    sw.removeModule("els1");
    poll(5);
    List<AgentEvent.AlarmRaised> raised = events.settled(AgentEvent.AlarmRaised.class);
    assertThat(raised).hasSize(1);
    assertThat(raised.get(0).alarm().condition()).isEqualTo("els-removed");
    assertThat(raised.get(0).alarm().affected().stream().filter(a -> !a.contains("/")))
        .containsExactly("port1", "port2", "port3", "port4", "port5", "port6", "port7", "port8");
    assertThat(events.settled(AgentEvent.EntityRemoved.class)).extracting(AgentEvent.EntityRemoved::entity)
        .containsExactly("els1");
  }

  @Test
  void aStormOfReadErrorsGivesUnavailableReadingsAndNoAlarm() {
    sw.set("els1/laser1:temp", 58);
    sw.failReads(true);
    poll(20);
    assertThat(agent.latest().hal().status(0)).isEqualTo(ReadingStatus.UNAVAILABLE);
    assertThat(agent.latest().stats().halErrors()).isEqualTo(20);
    assertThat(agent.latest().activeAlarms()).isEmpty();
    sw.failReads(false);
    poll(1);
    assertThat(agent.latest().hal().status(0)).isEqualTo(ReadingStatus.OK);
  }

  @Test
  void noiseRightAtAThresholdDoesNotFlap() {
    java.util.Random noise = new java.util.Random(7);
    for (int i = 0; i < 300; i++) {
      sw.set("els1/laser2:temp", 55 + (noise.nextDouble() - 0.5) * 0.8);
      poll(1);
    }
    long transitions = events.settled().stream()
        .filter(e -> e instanceof AgentEvent.AlarmRaised || e instanceof AgentEvent.AlarmCleared).count();
    assertThat(transitions).isLessThanOrEqualTo(1);
  }
}
