package dev.cpo.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.ReadingStatus;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root causes, read-error storms and noise, against the real simulator on a manual clock. */
class RootCausesOnSimulatorTest {

  @TempDir Path state;

  static List<String> ports(Alarm a) {
    return a.affected().stream().filter(e -> !e.contains("/")).toList();
  }

  @Test
  void aHealthySwitchRaisesNothingInTenMinutes() {
    try (SimRig rig = new SimRig(state)) {
      rig.runSeconds(600);
      assertThat(rig.agent.latest().activeAlarms()).isEmpty();
      assertThat(rig.events.settled(AgentEvent.AlarmRaised.class)).isEmpty();
    }
  }

  @Test
  void aFailedLaserGivesExactlyOneNotifiedAlarmNamingItsFourPorts() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("laser-failure", "els3/laser5");
      rig.runSeconds(30);
      List<AgentEvent.AlarmRaised> raised = rig.events.settled(AgentEvent.AlarmRaised.class);
      assertThat(raised).hasSize(1);
      Alarm root = raised.get(0).alarm();
      assertThat(root.id()).isEqualTo("laser-failure/els3/laser5");
      assertThat(ports(root)).containsExactly("port17", "port18", "port19", "port20");
      assertThat(root.affected()).contains("port17/lane3", "port20/lane3");
      assertThat(root.serviceability().replace()).isEqualTo("els3");
      assertThat(root.serviceability().fieldReplaceable()).isTrue();
      // The ports' and lanes' own alarms are there, linked to the root.
      assertThat(rig.agent.latest().activeAlarms()).filteredOn(a -> !a.isRootCause())
          .extracting(Alarm::entity).contains("port17", "port20", "port17/lane3");
      assertThat(rig.agent.latest().activeAlarms()).filteredOn(a -> !a.isRootCause())
          .allMatch(a -> a.rootCauseId().equals(root.id()));
    }
  }

  @Test
  void aFailedLaserIsReportedThroughItsInterruptWithoutWaitingForAPoll() {
    // A poll interval of a minute: only the interrupt path can raise the alarm within the wait.
    try (SimRig rig = new SimRig(state, "polling.fastIntervalMs=60000", "polling.slowIntervalMs=60000")) {
      rig.agent.start();
      long t0 = System.nanoTime();
      rig.inject("laser-failure", "els3/laser5");
      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
          .until(() -> rig.events.settled(AgentEvent.AlarmRaised.class).size() == 1);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
      assertThat(rig.agent.latest().stats().interrupts()).isPositive();
    }
  }

  @Test
  void aPulledLaserModuleGivesOneNotifiedAlarmNamingItsEightPortsAndItsReturnClearsIt() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("els-removal", "els3");
      rig.runSeconds(30);
      List<AgentEvent.AlarmRaised> raised = rig.events.settled(AgentEvent.AlarmRaised.class);
      assertThat(raised).hasSize(1);
      assertThat(raised.get(0).alarm().id()).isEqualTo("els-removed/els3");
      assertThat(ports(raised.get(0).alarm())).containsExactly("port17", "port18", "port19", "port20", "port21",
          "port22", "port23", "port24");
      assertThat(rig.events.settled(AgentEvent.EntityRemoved.class)).extracting(AgentEvent.EntityRemoved::entity)
          .containsExactly("els3");

      rig.inject("els-insertion", "els3");
      rig.runSeconds(30);
      assertThat(rig.agent.latest().activeAlarms()).isEmpty();
      assertThat(rig.events.settled(AgentEvent.AlarmCleared.class)).extracting(e -> e.alarm().id())
          .containsExactly("els-removed/els3");
      assertThat(rig.events.settled(AgentEvent.EntityAdded.class)).extracting(AgentEvent.EntityAdded::entity)
          .containsExactly("els3");
    }
  }

  @Test
  void lostCoolantFlowIsOneAlarmAndTheTemperaturesItDrivesUpAreLinkedToIt() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("coolant-flow-loss", "loop1", java.util.Map.of("lossPercent", 100.0));
      rig.runSeconds(600);
      List<Alarm> seen = new java.util.ArrayList<>(rig.agent.latest().activeAlarms());
      seen.addAll(rig.agent.history());
      assertThat(seen).filteredOn(a -> a.condition().contains(".temp-")).isNotEmpty()
          .allMatch(a -> "coolant-flow-loss/loop1".equals(a.rootCauseId()));
      // The ASICs overheat and the protective shutdown takes them down: those are notified, as actions.
      // The policy restarts each once it has cooled (config/policies.yaml asic-critical), so a shutdown
      // may repeat (at most maxTries: LatchedProtectionOnSimulatorTest); the alarms raised are these.
      assertThat(rig.events.settled(AgentEvent.AlarmRaised.class).stream().map(e -> e.alarm().id()).distinct())
          .containsExactlyInAnyOrder("coolant-flow-loss/loop1", "asic-shutdown/asic1", "asic-shutdown/asic2",
              "protection-latched/asic1", "protection-latched/asic2");
      assertThat(rig.events.settled(AgentEvent.ActionTaken.class)).extracting(e -> e.action() + " " + e.entity())
          .containsOnly("asic-shutdown asic1", "asic-shutdown asic2", "asic-restart asic1", "asic-restart asic2",
              "latch asic1", "latch asic2")
          .contains("asic-shutdown asic1", "asic-shutdown asic2");
    }
  }

  @Test
  void aStormOfReadErrorsGivesUnavailableReadingsAndNoFalseAlarm() {
    try (SimRig rig = new SimRig(state)) {
      ActiveFault module = rig.inject("sensor-read-error", "els3");
      rig.runSeconds(30);
      assertThat(rig.agent.latest().hal().status(
          rig.sim.inventory().sensor("els3/laser5", SensorKind.BIAS_CURRENT).orElseThrow().index()))
          .isEqualTo(ReadingStatus.UNAVAILABLE);
      ActiveFault chassis = rig.inject("sensor-read-error", "chassis");
      rig.runSeconds(60);
      assertThat(rig.agent.latest().stats().halErrors()).isGreaterThanOrEqualTo(60);
      assertThat(rig.agent.latest().hal().status(0)).isEqualTo(ReadingStatus.UNAVAILABLE);
      rig.sim.faults().clear(chassis.id());
      rig.sim.faults().clear(module.id());
      rig.runSeconds(30);
      assertThat(rig.agent.latest().hal().status(0)).isEqualTo(ReadingStatus.OK);
      assertThat(rig.agent.latest().activeAlarms()).isEmpty();
      assertThat(rig.events.settled(AgentEvent.AlarmRaised.class)).isEmpty();
    }
  }

  @Test
  void aSlowHalReadIsAbandonedAtTheTimeoutAndMarksReadingsUnavailable() {
    try (SimRig rig = new SimRig(state, "polling.halTimeoutMs=50")) {
      rig.runSeconds(5);
      ActiveFault slow = rig.inject("hal-latency", "chassis", java.util.Map.of("delayMs", 300.0));
      long t0 = System.nanoTime();
      rig.runSeconds(5);
      // Five cycles, none waiting for the 300 ms read: the first gives up at 50 ms, the rest at once.
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
      assertThat(rig.agent.latest().hal().status(0)).isEqualTo(ReadingStatus.UNAVAILABLE);
      assertThat(rig.agent.latest().stats().halErrors()).isEqualTo(5);
      rig.sim.faults().clear(slow.id());
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
        rig.runSeconds(1);
        return rig.agent.latest().hal().status(0) == ReadingStatus.OK;
      });
      assertThat(rig.agent.latest().activeAlarms()).isEmpty();
    }
  }

  @Test
  void noiseRightAtAThresholdDoesNotFlap() {
    try (SimRig rig = new SimRig(state)) {
      rig.runSeconds(60);
      double asicC = rig.reading("asic1", SensorKind.TEMPERATURE);
      // Put the warning level right on the reading, and make the sensor noisy.
      rig.agent.thresholds().set("asic1:temp", dev.cpo.agent.alarm.ThresholdLevel.HIGH_WARNING, asicC, "test");
      rig.inject("sensor-noise", "asic1", java.util.Map.of("factor", 20.0));
      rig.runSeconds(1200);
      long transitions = rig.events.settled().stream()
          .filter(e -> e instanceof AgentEvent.AlarmRaised || e instanceof AgentEvent.AlarmCleared).count();
      assertThat(transitions).isLessThanOrEqualTo(1);
    }
  }
}
