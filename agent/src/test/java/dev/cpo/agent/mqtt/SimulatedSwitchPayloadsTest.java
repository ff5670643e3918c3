package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.hal.Entity;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real simulator snapshots, every entity, against the message schemas. */
class SimulatedSwitchPayloadsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SimulatedSwitch sim(String profile, ManualClock clock) {
    return SimulatedSwitch.builder().profile(profile).seed(1).timeScale(1).load(0.6).clock(clock).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"quantum-x-photonics-115t", "spectrum-x-photonics-409t", "tomahawk5-bailly-51t"})
  void everyEntitysTelemetryAndStateOfASimulatedSwitchMatchTheSchemas(String profile) throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = sim(profile, clock)) {
      clock.advance(Duration.ofSeconds(5));
      HalSnapshot snap = sim.snapshot();
      Payloads payloads = new Payloads("sw1");
      int telemetry = 0;
      for (Entity e : snap.inventory().entities()) {
        SeqPayload t = payloads.telemetry(snap, e);
        if (t != null) {
          telemetry++;
          assertThat(Schemas.errors(MessageClass.TELEMETRY, t)).as(e.name()).isEmpty();
        }
        assertThat(Schemas.errors(MessageClass.STATE,
            payloads.state(e.name(), e.entityClass(), snap.entityStatus(e.index()), null, snap.timeMillis())))
            .as(e.name()).isEmpty();
      }
      assertThat(telemetry).isGreaterThan(snap.inventory().portCount());
      assertThat(Schemas.errors(MessageClass.META, payloads.meta(snap.inventory(), 1, "dev", 10_000, 1))).isEmpty();
    }
  }

  @Test
  void aFailedLaserStillPublishesValidTelemetryAndItsStateSaysFailed() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = sim("quantum-x-photonics-115t", clock)) {
      sim.faults().inject(FaultRequest.of("laser-failure", "els4/laser3"));
      clock.advance(Duration.ofSeconds(2));
      HalSnapshot snap = sim.snapshot();
      Entity laser = snap.inventory().require("els4/laser3");
      Payloads payloads = new Payloads("sw1");
      byte[] t = payloads.telemetry(snap, laser).number();
      assertThat(Schemas.errors(MessageClass.TELEMETRY, t)).isEmpty();
      byte[] s = payloads.state(laser.name(), laser.entityClass(), snap.entityStatus(laser.index()), null, 1).number();
      assertThat(JSON.readTree(s).get("state").asText()).isEqualTo("failed");
    }
  }
}
