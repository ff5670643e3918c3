package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.OperState;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.profile.LinkSpec;
import dev.cpo.hal.sim.profile.ProfileLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Received power -> BER -> FEC -> loss of signal: the order in which a real link dies. */
class LinkPhysicsTest {

  private static final LinkSpec SPEC = new ProfileLoader().load("quantum-x-photonics-115t").links();
  private static final double FEC_LIMIT = 2.4e-4;

  @Test
  void theBerModelGivesAbout1eMinus7AtMinus1DbmAndCrossesTheFecLimitAFewDbLower() {
    LinkModel link = new LinkModel(SPEC);
    assertThat(link.ber(Units.dbmToMilliwatts(-1), 1)).isCloseTo(1e-7, within(1e-9));
    double crossing = -1;
    while (link.ber(Units.dbmToMilliwatts(crossing), 1) < FEC_LIMIT) {
      crossing -= 0.01;
    }
    assertThat(crossing).isBetween(-4.0, -2.0);
  }

  @Test
  void berRisesMonotonicallyAsRxPowerFalls() {
    LinkModel link = new LinkModel(SPEC);
    double previous = 0;
    for (double dbm = 4; dbm >= -20; dbm -= 0.05) {
      double ber = link.ber(Units.dbmToMilliwatts(dbm), 1);
      assertThat(ber).as("BER at %.2f dBm", dbm).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(0.5);
      previous = ber;
    }
  }

  @Test
  void uncorrectableCodewordsVanishAtHealthyBerAndRiseSteeplyNearTheFecLimit() {
    LinkModel link = new LinkModel(SPEC);
    double perSecond = link.codewordsPerSecond();
    // Healthy (1e-7): far under one codeword a year. At the FEC limit: a few a day. Twice past it: every second.
    assertThat(link.uncorrectableCodewordProbability(1e-7) * perSecond * 365 * 86_400).isLessThan(1e-30);
    assertThat(link.uncorrectableCodewordProbability(FEC_LIMIT) * perSecond * 86_400).isBetween(0.1, 100.0);
    assertThat(link.uncorrectableCodewordProbability(2 * FEC_LIMIT) * perSecond).isBetween(0.01, 100.0);
    double previous = 0;
    for (double ber = 1e-9; ber < 0.5; ber *= 1.2) {
      double p = link.uncorrectableCodewordProbability(ber);
      assertThat(p).as("at BER %.3g", ber).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(1);
      previous = p;
    }
    assertThat(link.uncorrectableCodewordProbability(1e-2)).isCloseTo(1, within(1e-6));
  }

  @Test
  void theSymbolErrorHistogramIsTheBinomialLawOfTheCodewordsSymbols() {
    LinkModel link = new LinkModel(SPEC);
    double[] bins = new double[link.correctableSymbols() + 1];
    link.symbolErrorDistribution(1e-4, bins);
    // 544 symbols of 10 bits at BER 1e-4: about 0.54 symbol errors per codeword, so P(0) = exp(-0.54).
    assertThat(bins[0]).isCloseTo(Math.exp(-544 * link.symbolErrorProbability(1e-4)), within(1e-3));
    assertThat(bins[1]).isGreaterThan(bins[2]);
    double sum = java.util.Arrays.stream(bins).sum() + link.uncorrectableCodewordProbability(1e-4);
    assertThat(sum).isCloseTo(1, within(1e-9));
  }

  @Test
  void aDirtierFibreLowersRxPowerRaisesBerAndNearTheFecLimitStartsToCostUncorrectableCodewords() {
    Probe probe = Probe.defaultSwitch();
    double previousRx = Double.MAX_VALUE;
    double previousBer = 0;
    boolean sawCorrectableOnly = false;
    boolean sawUncorrectable = false;
    // Up to the loss-of-lock level (about 3 dB extra here); past it the lane is down (the sweep test).
    for (double lossDb = 0.25; lossDb <= 2.75; lossDb += 0.25) {
      ActiveFault f = probe.sim.faults().inject(new FaultRequest("fiber-dirty", "port42/lane3", Map.of("lossDb", lossDb)));
      HalSnapshot before = probe.run(Duration.ofSeconds(1)).snapshot();
      HalSnapshot after = probe.run(Duration.ofSeconds(10)).snapshot();
      probe.sim.faults().clear(f.id());
      if (after.entityStatus("port42/lane3").state() == OperState.DOWN) {
        // Past the loss-of-lock level: the lane is down and counts nothing (the sweep test shows the order).
        break;
      }

      double rx = Probe.value(after, "port42/lane3", SensorKind.RX_POWER);
      double ber = Probe.value(after, "port42/lane3", SensorKind.PRE_FEC_BER);
      long corrected = after.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, 3)
          - before.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, 3);
      long uncorrectable = after.laneCounter(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, 42, 3)
          - before.laneCounter(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, 42, 3);

      assertThat(rx).as("rx at %.1f dB", lossDb).isLessThan(previousRx);
      // The reading carries a few percent of noise; the trend is what matters.
      assertThat(ber).as("BER at %.1f dB", lossDb).isGreaterThan(previousBer * 0.9);
      if (ber < 1e-3) {
        assertThat(corrected).as("corrected at BER %.3g", ber).isPositive();
      }
      if (ber < FEC_LIMIT / 2) {
        // Statistically zero: well under one in 10 s (see the model test above).
        assertThat(uncorrectable).as("uncorrectable at BER %.3g", ber).isZero();
        sawCorrectableOnly |= ber > 1e-5;
      }
      if (ber > 1e-3) {
        assertThat(uncorrectable).as("uncorrectable at BER %.3g", ber).isPositive();
        sawUncorrectable = true;
      }
      previousRx = rx;
      previousBer = ber;
    }
    assertThat(sawCorrectableOnly).isTrue();
    assertThat(sawUncorrectable).isTrue();
  }

  @Test
  void aLaneLosesLockFromErrorsLongBeforeItsLightFallsToTheLossOfSignalLevel() {
    Probe probe = Probe.defaultSwitch();
    // -1 dBm nominal, -15 dBm loss of signal: 13 dB more loss leaves light above LOS, but a BER near 0.1.
    ActiveFault lit = probe.sim.faults().inject(new FaultRequest("fiber-dirty", "port42/lane3", Map.of("lossDb", 13.0)));
    HalSnapshot locked = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(locked.entityStatus("port42/lane3").state()).isEqualTo(OperState.DOWN);
    assertThat(locked.entityStatus("port42/lane3").faultCode()).isEqualTo("loss-of-lock");
    assertThat(locked.entityStatus("port42").speedMbps()).isEqualTo(600_000);
    probe.sim.faults().clear(lit.id());

    probe.sim.faults().inject(new FaultRequest("fiber-dirty", "port42/lane3", Map.of("lossDb", 15.0)));
    HalSnapshot s = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(s.entityStatus("port42/lane3").state()).isEqualTo(OperState.DOWN);
    assertThat(s.entityStatus("port42/lane3").faultCode()).isEqualTo("los");
    assertThat(s.entityStatus("port42").speedMbps()).isEqualTo(600_000);
  }
}
