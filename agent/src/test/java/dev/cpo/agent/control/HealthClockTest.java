package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 9 item 9: health shows the telemetry's simulated time and wall time beside it, as MQTT does. */
class HealthClockTest {

  @Test
  void healthShowsSimulatedTelemetryTimeWithWallTimeBeside() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1)
        .load(0.6).clock(clock).build()) {
      clock.advance(Duration.ofDays(3));
      HalSnapshot snap = sim.snapshot();
      ControlService service = ControlService.builder().telemetry(() -> snap)
          .components(() -> Map.of("agent", "running")).build();

      long before = System.currentTimeMillis();
      JsonNode t = service.health().path("telemetry");
      long after = System.currentTimeMillis();

      assertThat(t.path("timeMillis").asLong()).isEqualTo(snap.timeMillis());
      assertThat(t.path("wallMillis").asLong()).isBetween(before, after);
    }
  }
}
