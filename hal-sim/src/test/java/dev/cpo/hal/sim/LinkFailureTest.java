package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.FlagKind;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.OperState;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.profile.LinkSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a real link dies, on the injected clock with the real simulator: errors before darkness, a
 * receiver that does not flap at its LOS level, ports that follow their profile's degraded mode, and
 * the link history and FEC statistics an operator reads.
 */
class LinkFailureTest {

  private static final String LANE = "port42/lane3";
  private final Probe probe = Probe.defaultSwitch();
  private final LinkSpec spec = probe.sim.topology().profile.links();
  private final int q = probe.sim.topology().laneIndex(41, 2);

  private double trueRxDbm() {
    return Units.milliwattsToDbm(probe.sim.state.laneRxMilliwatts[q]);
  }

  @Test
  void aLossSweepOnOneLanePassesThroughFecCorrectedThenFecDegradedThenLinkDownThenLosInThatOrderAtTheProfilesLevels() {
    double corrected = -1;
    double degraded = -1;
    double lockLost = -1;
    double los = -1;
    double rxAtLockLoss = 0;
    double rxAtLos = 0;
    ActiveFault dirt = null;
    for (double lossDb = 0.1; lossDb <= 20 && los < 0; lossDb += 0.1) {
      if (dirt != null) {
        probe.sim.faults().clear(dirt.id());
      }
      dirt = probe.sim.faults().inject(new FaultRequest("fiber-dirty", LANE, Map.of("lossDb", lossDb)));
      HalSnapshot before = probe.snapshot();
      HalSnapshot after = probe.run(Duration.ofSeconds(1)).snapshot();
      EntityStatus st = after.entityStatus(LANE);
      long fixed = after.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, 3)
          - before.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, 3);
      if (corrected < 0 && fixed > 0 && st.state() == OperState.UP) {
        corrected = lossDb;
      }
      if (degraded < 0 && st.state() == OperState.DEGRADED) {
        assertThat(st.faultCode()).isEqualTo("fec-degraded");
        degraded = lossDb;
      }
      if (lockLost < 0 && st.faultCode().equals("loss-of-lock")) {
        lockLost = lossDb;
        rxAtLockLoss = trueRxDbm();
        assertThat(after.entityStatus("port42").speedMbps()).isEqualTo(600_000);
      }
      if (st.faultCode().equals("los")) {
        los = lossDb;
        rxAtLos = trueRxDbm();
      }
    }
    assertThat(corrected).as("FEC corrects from the start").isPositive();
    assertThat(degraded).as("FEC degraded").isGreaterThan(corrected);
    assertThat(lockLost).as("link down from errors").isGreaterThan(degraded);
    assertThat(los).as("loss of signal").isGreaterThan(lockLost + 5);
    // The profile's levels: lock is lost where the BER passes lossOfLockBer; LOS asserts below -15 dBm.
    LinkModel link = new LinkModel(spec);
    assertThat(link.ber(Units.dbmToMilliwatts(rxAtLockLoss), 1)).isGreaterThan(spec.lossOfLockBer());
    assertThat(link.ber(Units.dbmToMilliwatts(rxAtLockLoss + 0.2), 1)).isLessThan(spec.lossOfLockBer());
    assertThat(rxAtLos).isLessThan(spec.lossOfSignalDbm()).isGreaterThan(spec.lossOfSignalDbm() - 0.2);
  }

  @Test
  void losHysteresisHoldsAtANoisyLevelWithNoFlaps() throws Exception {
    // Put the lane's mean received power on the LOS assert level; its wander then crosses it both ways.
    double loss = trueRxDbm() - spec.lossOfSignalDbm();
    String engine = "oe" + (probe.sim.topology().laneEngine[q] + 1);
    probe.sim.readAndClearFlags(engine);
    probe.sim.faults().inject(new FaultRequest("fiber-dirty", LANE, Map.of("lossDb", loss)));
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    int losLatches = 0;
    List<Boolean> losStates = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      probe.run(Duration.ofSeconds(1));
      HalSnapshot s = probe.snapshot();
      min = Math.min(min, trueRxDbm());
      max = Math.max(max, trueRxDbm());
      for (LatchedFlag f : probe.sim.readAndClearFlags(engine)) {
        if (f.kind() == FlagKind.LOSS_OF_SIGNAL && f.entity().equals(LANE)) {
          losLatches++;
        }
      }
      losStates.add(s.entityStatus(LANE).faultCode().contains("los"));
    }
    assertThat(min).as("the light dips under the assert level").isLessThan(spec.lossOfSignalDbm());
    assertThat(max).as("and rises over it").isGreaterThan(spec.lossOfSignalDbm());
    assertThat(losLatches).as("LOS asserted once and held (de-assert is at %s dBm)", spec.lossOfSignalClearDbm())
        .isEqualTo(1);
    int changes = 0;
    for (int i = 1; i < losStates.size(); i++) {
      changes += losStates.get(i) != losStates.get(i - 1) ? 1 : 0;
    }
    assertThat(changes).as("LOS state changes over 10 minutes").isLessThanOrEqualTo(1);
    assertThat(losStates.get(losStates.size() - 1)).isTrue();
  }

  @Test
  void oneDarkLaneTakesABaillyPortDownAndLeavesAQuantumXPortAt600G() {
    Probe bailly = Probe.of("tomahawk5-bailly-51t", 1);
    bailly.sim.faults().inject(FaultRequest.of("fiber-cut", "port5/lane2"));
    probe.sim.faults().inject(FaultRequest.of("fiber-cut", "port5/lane2"));

    EntityStatus pcs = bailly.run(Duration.ofSeconds(1)).snapshot().entityStatus("port5");
    assertThat(pcs.state()).isEqualTo(OperState.DOWN);
    assertThat(pcs.speedMbps()).isZero();
    assertThat(pcs.faultCode()).isEqualTo("pcs:lane2:los");
    EntityStatus planes = probe.run(Duration.ofSeconds(1)).snapshot().entityStatus("port5");
    assertThat(planes.state()).isEqualTo(OperState.DEGRADED);
    assertThat(planes.speedMbps()).isEqualTo(600_000);
    assertThat(planes.faultCode()).isEqualTo("lane2:los");
  }

  @Test
  void eachPortCountsItsLinkFlapsAndKeepsItsLastChangeTime() {
    HalSnapshot start = probe.snapshot();
    assertThat(start.portCounter(CounterKind.LINK_DOWN_EVENTS, 3)).isZero();
    assertThat(start.portLastChangeMillis(3)).isZero();
    long restoredAt = 0;
    for (int flap = 0; flap < 2; flap++) {
      ActiveFault cut = probe.sim.faults().inject(FaultRequest.of("fiber-cut", "port3"));
      probe.run(Duration.ofSeconds(30));
      probe.sim.faults().clear(cut.id());
      restoredAt = probe.clock.millis();
      probe.run(Duration.ofSeconds(30));
    }
    HalSnapshot s = probe.snapshot();
    assertThat(s.portCounter(CounterKind.LINK_DOWN_EVENTS, 3)).isEqualTo(2);
    assertThat(s.portLastChangeMillis(3)).isEqualTo(restoredAt);
    assertThat(s.portCounter(CounterKind.LINK_DOWN_EVENTS, 4)).isZero();
    // A lane lost on a multi-plane port degrades it: its link stays up, so no flap.
    probe.sim.faults().inject(FaultRequest.of("fiber-cut", "port4/lane1"));
    assertThat(probe.run(Duration.ofSeconds(1)).snapshot().portCounter(CounterKind.LINK_DOWN_EVENTS, 4)).isZero();
  }

  @Test
  void uncorrectableCodewordsAreDrawnNearTheFecLimitNotStuckAtZeroNorSmooth() {
    // A BER a little past the FEC limit: a few uncorrectable codewords per second, varying.
    LinkModel link = new LinkModel(spec);
    double targetBer = 3 * spec.fecLimitBer();
    double rxDbm = -1;
    while (link.ber(Units.dbmToMilliwatts(rxDbm), 1) < targetBer) {
      rxDbm -= 0.01;
    }
    probe.sim.faults().inject(new FaultRequest("fiber-dirty", LANE, Map.of("lossDb", trueRxDbm() - rxDbm)));
    List<Long> perSecond = new ArrayList<>();
    long last = probe.snapshot().laneCounter(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, 42, 3);
    for (int i = 0; i < 20; i++) {
      long now = probe.run(Duration.ofSeconds(1)).snapshot().laneCounter(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, 42, 3);
      perSecond.add(now - last);
      last = now;
    }
    assertThat(perSecond.stream().mapToLong(Long::longValue).sum()).isPositive();
    assertThat(perSecond.stream().distinct().count()).as("counts per second vary: %s", perSecond).isGreaterThan(2);
  }

  @Test
  void theFecHistogramCountsCodewordsBySymbolErrorsAndMatchesTheCorrectedCount() {
    HalSnapshot before = probe.snapshot();
    probe.sim.faults().inject(new FaultRequest("fiber-dirty", LANE, Map.of("lossDb", 1.0)));
    HalSnapshot after = probe.run(Duration.ofSeconds(10)).snapshot();
    assertThat(after.fecHistogramBins()).isEqualTo(16);
    long[] bins = new long[16];
    for (int k = 0; k < 16; k++) {
      bins[k] = after.fecHistogram(42, k) - before.fecHistogram(42, k);
    }
    // 4 lanes x 39 M codewords/s x 10 s, nearly all clean (the dirty lane has some 15 % with errors).
    double all = 4 * 212.5e9 / 5440 * 10;
    assertThat((double) bins[0]).isBetween(0.9 * all, all);
    assertThat(bins[1]).isGreaterThan(bins[2]).isPositive();
    long withErrors = 0;
    long corrected = 0;
    for (int k = 1; k < 16; k++) {
      withErrors += bins[k];
    }
    for (int lane = 1; lane <= 4; lane++) {
      corrected += after.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, lane)
          - before.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, lane);
    }
    assertThat((double) withErrors).isCloseTo(corrected, within(corrected * 0.01 + 20));
    assertThat(Probe.value(after, LANE, SensorKind.PRE_FEC_BER)).isGreaterThan(1e-7);
  }
}
