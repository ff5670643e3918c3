package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClocksTest {

  @Test
  void aManualClockMovesOnlyWhenAdvanced() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    clock.advance(Duration.ofMinutes(90));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T01:30:00Z"));
    assertThat(clock.withZone(ZoneId.of("Europe/Paris")).millis()).isEqualTo(clock.millis());
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aScaledClockChangesSpeedWithoutAJump() {
    // Wall time is driven by the test, so load on the machine cannot move it between two reads.
    AtomicLong wallNanos = new AtomicLong(123_456_789L);
    ScaledClock clock = new ScaledClock(Instant.parse("2026-01-01T00:00:00Z"), 1, wallNanos::get);
    long start = clock.millis();
    assertThat(start).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    wallNanos.addAndGet(Duration.ofMillis(5).toNanos());
    long before = clock.millis();
    assertThat(before - start).isEqualTo(5);

    clock.setScale(1_000_000);
    // At the instant of the change simulated time is exactly where it was: at a million times, any jump
    // would show as seconds of simulated time.
    assertThat(clock.millis()).isEqualTo(before);
    assertThat(clock.scale()).isEqualTo(1_000_000);
    // From there it runs at the new speed: 1 ms of wall time is 1000 s simulated.
    wallNanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(clock.millis() - before).isEqualTo(1_000_000);
    // A view in another zone shares the time and the speed.
    assertThat(clock.withZone(ZoneId.of("Europe/Paris")).millis()).isEqualTo(clock.millis());

    clock.setScale(1);
    long slowed = clock.millis();
    assertThat(slowed - before).isEqualTo(1_000_000);
    wallNanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(clock.millis() - slowed).isEqualTo(1);
  }

  @Test
  void aFastScaledClockRunsAheadOfTheWall() {
    ScaledClock clock = new ScaledClock(Instant.parse("2026-01-01T00:00:00Z"), 100_000);
    long start = clock.millis();
    long wallStart = System.nanoTime();
    while (System.nanoTime() - wallStart < 2_000_000) {
      Thread.onSpinWait();
    }
    // 2 ms of wall time is at least 200 s simulated.
    assertThat(clock.millis() - start).isGreaterThanOrEqualTo(200_000);
  }

  @Test
  void theSimulatorKeepsItsTimeScaleSettingAndRefusesBadOnes() {
    SimulatedSwitch sim = SimulatedSwitch.builder().timeScale(10).build();
    assertThat(sim.settings().timeScale()).isEqualTo(10);
    sim.setTimeScale(3600);
    assertThat(sim.settings().timeScale()).isEqualTo(3600);
    assertThat(((ScaledClock) sim.clock()).scale()).isEqualTo(3600);
    assertThatThrownBy(() -> sim.setTimeScale(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeScale");
    assertThat(sim.settings().timeScale()).isEqualTo(3600);
    assertThatThrownBy(() -> sim.setLoad(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("load");
  }
}
