package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
    ScaledClock clock = new ScaledClock(Instant.parse("2026-01-01T00:00:00Z"), 1);
    long before = clock.millis();
    clock.setScale(1_000_000);
    long after = clock.millis();
    // At a million times, any jump would be seconds of simulated time; a continuous change is not.
    assertThat(after - before).isBetween(0L, 100_000L);
    assertThat(clock.scale()).isEqualTo(1_000_000);
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
