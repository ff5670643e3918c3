package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.fault.FaultRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AutoAdvanceTest {

  @Test
  void withAutoAdvanceAThresholdCrossingInterruptsWithoutAnyRead() {
    ManualClock clock = new ManualClock();
    Set<String> interrupts = ConcurrentHashMap.newKeySet();
    try (SimulatedSwitch sim = SimulatedSwitch.builder().clock(clock).autoAdvance(Duration.ofMillis(5)).build()) {
      sim.setInterruptListener(interrupts::add);
      sim.faults().inject(FaultRequest.of("oe-overtemp", "oe7"));
      interrupts.clear();
      // The engine needs a few time constants to pass its 70 C warning; nobody reads meanwhile.
      clock.advance(Duration.ofMinutes(2));
      await().atMost(Duration.ofSeconds(10)).until(() -> interrupts.contains("oe7"));
    }
    assertThat(interrupts).contains("oe7");
  }

  @Test
  void aControlOnASwitchAtRestWakesTheTickerSoTheCrossingItCausesInterrupts() throws Exception {
    ManualClock clock = new ManualClock();
    Set<String> interrupts = ConcurrentHashMap.newKeySet();
    try (SimulatedSwitch sim = SimulatedSwitch.builder().clock(clock).autoAdvance(Duration.ofMillis(5)).build()) {
      sim.setInterruptListener(interrupts::add);
      // No fault, temperatures settled: at rest, the ticker waits.
      assertThat(sim.resting()).isTrue();
      // Stopping every fan (a control) sets the laser modules' cases heating towards their warning level;
      // nobody reads meanwhile.
      for (Entity fan : sim.inventory().entitiesOf(EntityClass.FAN)) {
        sim.setFanSpeedPercent(fan.name(), 0);
      }
      assertThat(sim.resting()).isFalse();
      clock.advance(Duration.ofMinutes(10));
      await().atMost(Duration.ofSeconds(10)).until(() -> interrupts.stream().anyMatch(m -> m.startsWith("els")));
    }
  }
}
