package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.OperState;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The telemetry writer streams its JSON; the tree it replaced ({@link Payloads#telemetryByTree}) is the
 * reference: every entity of real simulator snapshots, healthy, failed, pulled, unreadable and with FEC
 * errors, must come out byte for byte the same, and no payload may repeat a key.
 */
class StreamingTelemetryTest {

  private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static SimulatedSwitch sim(String profile, ManualClock clock) {
    return SimulatedSwitch.builder().profile(profile).seed(1).timeScale(1).load(0.6).clock(clock).build();
  }

  /** Every entity's streamed telemetry against the tree's; returns how many entities published. */
  private static int assertSameAsTree(HalSnapshot snap, Payloads payloads) throws Exception {
    int published = 0;
    for (Entity e : snap.inventory().entities()) {
      SeqPayload streamed = payloads.telemetry(snap, e);
      byte[] tree = payloads.telemetryByTree(snap, e);
      if (tree == null) {
        assertThat(streamed).as(e.name()).isNull();
        continue;
      }
      String expected = new String(new SeqPayload(tree, new AtomicLong()).with(41), StandardCharsets.UTF_8);
      String actual = new String(streamed.with(41), StandardCharsets.UTF_8);
      assertThat(actual).as(e.name()).isEqualTo(expected);
      STRICT.readTree(actual);
      assertThat(Schemas.errors(MessageClass.TELEMETRY, streamed)).as(e.name()).isEmpty();
      published++;
    }
    return published;
  }

  @Test
  void theKeysOfEverySensorKindDifferFromEachOtherAndFromTheMessagesOtherKeys() {
    assertThat(Payloads.TelemetryKeys.DISTINCT).isTrue();
  }

  @Test
  void everyProfilesTelemetryIsTheTreesByteForByte() throws Exception {
    for (String profile : new String[] {"quantum-x-photonics-115t", "spectrum-x-photonics-409t",
        "tomahawk5-bailly-51t"}) {
      ManualClock clock = new ManualClock();
      try (SimulatedSwitch sim = sim(profile, clock)) {
        clock.advance(Duration.ofSeconds(5));
        HalSnapshot snap = sim.snapshot();
        assertThat(assertSameAsTree(snap, new Payloads("sw1"))).as(profile).isGreaterThan(snap.inventory().portCount());
      }
    }
  }

  @Test
  void degradedFailedPulledAndUnreadableEntitiesAndFecErrorsAreTheTreesByteForByte() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = sim("quantum-x-photonics-115t", clock)) {
      sim.faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, "els4/laser3"));
      sim.faults().inject(FaultRequest.of(FaultCatalog.LASER_DEGRADATION, "els2/laser1"));
      sim.faults().inject(FaultRequest.of(FaultCatalog.ELS_REMOVAL, "els3"));
      sim.faults().inject(FaultRequest.of(FaultCatalog.SENSOR_READ_ERROR, "oe1"));
      sim.faults().inject(FaultRequest.of(FaultCatalog.FIBER_CUT, "port40"));
      sim.faults().inject(new FaultRequest(FaultCatalog.FIBER_DIRTY, "port42/lane3", Map.of("lossDb", 1.5)));
      clock.advance(Duration.ofSeconds(5));
      HalSnapshot snap = sim.snapshot();
      // The faults did what this test needs: a pulled module, unreadable sensors, a port with no BER, FEC errors.
      assertThat(snap.entityStatus("els3").state()).isEqualTo(OperState.ABSENT);
      assertThat(Double.isNaN(snap.postFecBer(40))).isTrue();
      assertThat(snap.laneCounterSum(dev.cpo.hal.CounterKind.FEC_CORRECTED_CODEWORDS, 42)).isPositive();
      boolean unreadable = false;
      for (var s : snap.inventory().sensorsOf("oe1")) {
        unreadable |= !snap.available(s.index());
      }
      assertThat(unreadable).isTrue();
      assertSameAsTree(snap, new Payloads("sw1"));

      // The faults cleared: the lasers' ELS flags have changes and last set/clear times.
      for (var f : sim.faults().active()) {
        sim.faults().clear(f.id());
      }
      clock.advance(Duration.ofSeconds(5));
      HalSnapshot later = sim.snapshot();
      assertSameAsTree(later, new Payloads("sw1"));
      String laser = new String(new Payloads("sw1").telemetry(later, later.inventory().require("els4/laser3")).with(1),
          StandardCharsets.UTF_8);
      assertThat(laser).contains("\"flags\":[").contains("_changes\":");
    }
  }

  @Test
  void aSimulatedClockAheadOfTheWallAddsWallTimeAndScaleAsTheTreeDoes() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = sim("quantum-x-photonics-115t", clock)) {
      clock.advance(Duration.ofSeconds(5));
      HalSnapshot snap = sim.snapshot();
      Clock wall = Clock.fixed(Instant.parse("2026-12-02T05:00:00Z"), ZoneOffset.UTC);
      Payloads payloads = new Payloads("sw1", new TimeBase(clock, wall, () -> 3600));
      assertSameAsTree(snap, payloads);
      String port = new String(payloads.telemetry(snap, snap.inventory().entitiesOf(EntityClass.PORT).get(0)).with(1),
          StandardCharsets.UTF_8);
      assertThat(port).contains("\"wall_ts\":").contains("\"time_scale\":3600.0");
    }
  }
}
