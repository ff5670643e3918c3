package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.hal.Entity;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Duration;
import java.util.List;
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
  @Test
  void aPortsTelemetryCarriesItsFecTotalsPostFecBerAndHistogramAndTheyOnlyGrow() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = sim("quantum-x-photonics-115t", clock)) {
      // A dirty lane puts errored codewords on port 42; port 41 stays clean.
      sim.faults().inject(new FaultRequest("fiber-dirty", "port42/lane3", java.util.Map.of("lossDb", 1.5)));
      clock.advance(Duration.ofSeconds(5));
      HalSnapshot first = sim.snapshot();
      clock.advance(Duration.ofSeconds(5));
      HalSnapshot second = sim.snapshot();
      Payloads payloads = new Payloads("sw1");
      Entity port = second.inventory().require("port42");
      SeqPayload t1 = payloads.telemetry(first, port);
      SeqPayload t2 = payloads.telemetry(second, port);
      assertThat(Schemas.errors(MessageClass.TELEMETRY, t2)).isEmpty();
      com.fasterxml.jackson.databind.JsonNode a = JSON.readTree(t1.number());
      com.fasterxml.jackson.databind.JsonNode b = JSON.readTree(t2.number());

      long corrected = 0;
      long uncorrectable = 0;
      for (int lane = 1; lane <= second.inventory().lanesPerPort(); lane++) {
        corrected += second.laneCounter(dev.cpo.hal.CounterKind.FEC_CORRECTED_CODEWORDS, 42, lane);
        uncorrectable += second.laneCounter(dev.cpo.hal.CounterKind.FEC_UNCORRECTABLE_CODEWORDS, 42, lane);
      }
      assertThat(b.get("fec_corrected").asLong()).isEqualTo(corrected).isGreaterThan(a.get("fec_corrected").asLong());
      assertThat(b.get("fec_uncorrectable").asLong()).isEqualTo(uncorrectable)
          .isGreaterThanOrEqualTo(a.get("fec_uncorrectable").asLong());
      assertThat(b.get("post_fec_ber_ratio").isNumber()).isTrue();
      assertThat(b.get("post_fec_ber_ratio").asDouble()).isEqualTo(second.postFecBer(42)).isPositive();
      for (int bin = 0; bin < 16; bin++) {
        assertThat(b.get("fec_bin_" + bin).asLong()).as("bin " + bin)
            .isEqualTo(second.fecHistogram(42, bin)).isGreaterThanOrEqualTo(a.get("fec_bin_" + bin).asLong());
      }
      assertThat(b.get("fec_bin_1").asLong()).isGreaterThan(a.get("fec_bin_1").asLong());
      com.fasterxml.jackson.databind.JsonNode clean = JSON.readTree(
          payloads.telemetry(second, second.inventory().require("port41")).number());
      assertThat(clean.get("fec_corrected").asLong()).isLessThan(b.get("fec_corrected").asLong());
    }
  }

  @Test
  void aPortWithNoLaneReceivingHasANullPostFecBerAndStillMatchesTheSchema() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = sim("quantum-x-photonics-115t", clock)) {
      sim.faults().inject(FaultRequest.of("fiber-cut", "port42"));
      clock.advance(Duration.ofSeconds(5));
      HalSnapshot snap = sim.snapshot();
      SeqPayload t = new Payloads("sw1").telemetry(snap, snap.inventory().require("port42"));
      assertThat(Schemas.errors(MessageClass.TELEMETRY, t)).isEmpty();
      com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(t.number());
      assertThat(n.has("post_fec_ber_ratio")).isTrue();
      assertThat(n.get("post_fec_ber_ratio").isNull()).isTrue();
    }
  }

  @Test
  void theMetaListsEachLaserModulesSerialAndFirmwareAndTheInventoryChanges() throws Exception {
    ManualClock clock = new ManualClock();
    try (SimulatedSwitch sim = sim("quantum-x-photonics-115t", clock)) {
      HalSnapshot snap = sim.snapshot();
      List<Payloads.UnitIdentity> units = new java.util.ArrayList<>();
      for (Entity e : snap.inventory().entitiesOf(dev.cpo.hal.EntityClass.LASER_MODULE)) {
        if (!e.name().equals("els3")) {
          units.add(new Payloads.UnitIdentity(e.name(), snap.serialNumber(e.index()), snap.firmwareRevision(e.index())));
        }
      }
      SeqPayload meta = new Payloads("sw1").meta(snap.inventory(), 2, "dev", 10_000, 1,
          units, new Payloads.InventoryChanges(1, 900));
      assertThat(Schemas.errors(MessageClass.META, meta)).isEmpty();
      com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(meta.number());
      int els4 = snap.inventory().require("els4").index();
      assertThat(n.get("els4_serial").asText()).isEqualTo(snap.serialNumber(els4)).isNotBlank();
      assertThat(n.get("els4_firmware_rev").asText()).isEqualTo(snap.firmwareRevision(els4));
      assertThat(n.has("els3_serial")).as("a pulled module has no serial").isFalse();
      assertThat(n.get("inventory_changes").asLong()).isEqualTo(1);
      assertThat(n.get("inventory_changed_ms").asLong()).isEqualTo(900);
      byte[] bad = new String(meta.number(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("\"els4_serial\"", "\"els4_serail\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(Schemas.errors(MessageClass.META, bad)).as("a misspelt unit key is not in the schema").isNotEmpty();
    }
  }
}
