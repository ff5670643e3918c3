package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue 9 item 9: one clock for every ts, and wall time beside it when the two part. */
class TimeBaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WALL = 1_800_000_000_000L;
  private static final Clock WALL_CLOCK = Clock.fixed(Instant.ofEpochMilli(WALL), ZoneOffset.UTC);

  private static JsonNode status(Clock sim, double scale) throws Exception {
    TimeBase time = new TimeBase(sim, WALL_CLOCK, () -> scale);
    byte[] p = new Payloads("sw1", time).status(true, 1, time.now()).number();
    assertThat(Schemas.errors(MessageClass.STATUS, p)).isEmpty();
    return JSON.readTree(p);
  }

  @Test
  void atAnHourASecondTsIsSimulatedTimeAndWallTimeAndScaleAreBesideIt() throws Exception {
    long sim = WALL + 7 * 3_600_000L;
    JsonNode j = status(Clock.fixed(Instant.ofEpochMilli(sim), ZoneOffset.UTC), 3600);

    assertThat(j.get("ts").asLong()).isEqualTo(sim);
    assertThat(j.get("wall_ts").asLong()).isEqualTo(WALL);
    assertThat(j.get("time_scale").asDouble()).isEqualTo(3600.0);
  }

  @Test
  void atRealSpeedOnWallTimeThePayloadStaysAsItWas() throws Exception {
    JsonNode j = status(Clock.fixed(Instant.ofEpochMilli(WALL + 400), ZoneOffset.UTC), 1);

    assertThat(j.has("wall_ts")).isFalse();
    assertThat(j.has("time_scale")).isFalse();
  }

  @Test
  void backAtScaleOneButHoursAheadTheWallTimeIsStillShown() throws Exception {
    JsonNode j = status(Clock.fixed(Instant.ofEpochMilli(WALL + 5_000), ZoneOffset.UTC), 1);

    assertThat(j.get("wall_ts").asLong()).isEqualTo(WALL);
    assertThat(j.get("time_scale").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aChangeOfScaleShowsInTheNextMessage() throws Exception {
    AtomicReference<Double> scale = new AtomicReference<>(1.0);
    TimeBase time = new TimeBase(WALL_CLOCK, WALL_CLOCK, scale::get);
    Payloads payloads = new Payloads("sw1", time);
    assertThat(JSON.readTree(payloads.response("rebirth", true, "ok", 1, time.now()).number()).has("time_scale"))
        .isFalse();

    scale.set(60.0);

    assertThat(JSON.readTree(payloads.response("rebirth", true, "ok", 1, time.now()).number()).get("time_scale")
        .asDouble())
        .isEqualTo(60.0);
  }
}
