package dev.cpo.hal.sim;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.sim.profile.AsicSpec;
import dev.cpo.hal.sim.profile.CoolingSpec;
import dev.cpo.hal.sim.profile.EngineSpec;
import dev.cpo.hal.sim.profile.LaserSpec;
import dev.cpo.hal.sim.profile.Profile;

/**
 * Advances the coupled physics: lasers (TEC, APC, aging) -> lanes (optical power, BER, FEC) -> ports
 * (state, traffic counters) -> power -> heat (coolant loops, cold plates, air) -> temperatures, which
 * feed back into the lasers and engines at the next step.
 *
 * <p>Long intervals are cut into at most {@link #MAX_STEPS} equal steps of at least
 * {@link #STEP_SECONDS}; temperatures use the exact exponential step and counters and aging are
 * linear in time, so the result depends only on the start and end times, never on wall time.
 */
final class Physics {

  static final double STEP_SECONDS = 10;
  static final int MAX_STEPS = 2000;
  private static final double SECONDS_PER_YEAR = 365.25 * 86_400;
  /** Natural convection keeps some air moving over the laser modules with every fan stopped. */
  private static final double RESIDUAL_AIRFLOW = 0.1;
  private static final double CHASSIS_KELVIN_PER_WATT = 0.002;
  private static final double CHASSIS_TAU_SECONDS = 120;

  private final Topology t;
  private final SimState s;
  private final FaultEffects fx;
  private final LaserModel laser;
  private final LinkModel link;
  private final Profile p;
  private final double laneLossFactor;
  private final double losMilliwatts;
  private final double loopHeatCapacityWattsPerKelvin;
  private final double txLowFactor;
  private final double[] loopHeat;
  private final double[] loopMeanCoolant;
  private final double[] loopEffectiveFlow;
  private final int[] asicLanesUp;
  private final int[] engineLanesUp;
  private final double[] laneUncorrectableStep;
  private final double[] asicCoolant;
  private final double[] asicConvection;
  /** Per lane, the last BER inputs and outputs: in steady state nothing changes, so nothing is recomputed. */
  private final double[] lastRx;
  private final double[] lastQScale;
  private final double[] lastBerFactor;
  private final double[] lastErrored;
  private final double[] lastBad;

  Physics(Topology t, SimState s, FaultEffects fx) {
    this.t = t;
    this.s = s;
    this.fx = fx;
    this.p = t.profile;
    this.laser = new LaserModel(p.lasers());
    this.link = new LinkModel(p.links());
    this.laneLossFactor = Math.pow(10, -p.links().laserToLaneLossDb() / 10);
    this.losMilliwatts = Units.dbmToMilliwatts(p.links().lossOfSignalDbm());
    CoolingSpec c = p.cooling();
    this.loopHeatCapacityWattsPerKelvin = c.flowLitresPerMinute() / 60 * c.coolantDensityKgPerLitre()
        * c.coolantHeatCapacityJoulesPerKgKelvin();
    this.txLowFactor = Math.pow(10, -p.moduleThresholds().txPowerLowAlarmDb() / 10);
    loopHeat = new double[t.loops];
    loopMeanCoolant = new double[t.loops];
    loopEffectiveFlow = new double[t.loops];
    asicLanesUp = new int[t.asics];
    engineLanesUp = new int[t.engines];
    laneUncorrectableStep = new double[t.lanes];
    asicCoolant = new double[t.asics];
    asicConvection = new double[t.asics];
    lastRx = new double[t.lanes];
    java.util.Arrays.fill(lastRx, -1);
    lastQScale = new double[t.lanes];
    lastBerFactor = new double[t.lanes];
    lastErrored = new double[t.lanes];
    lastBad = new double[t.lanes];
  }

  LaserModel laserModel() {
    return laser;
  }

  /** Runs to a thermal steady state without counting traffic or aging: the switch as found at start. */
  void settle() {
    for (int i = 0; i < 30; i++) {
      step(1e6, false);
    }
    step(0, false);
  }

  /** Advances by {@code dtSeconds}; calls {@code afterStep} with each step's end time. */
  void advance(double dtSeconds, long startMillis, StepListener afterStep) {
    if (dtSeconds <= 0) {
      step(0, false);
      afterStep.stepped(startMillis);
      return;
    }
    int n = (int) Math.min(MAX_STEPS, Math.ceil(dtSeconds / STEP_SECONDS));
    double h = dtSeconds / n;
    for (int i = 1; i <= n; i++) {
      step(h, true);
      afterStep.stepped(startMillis + Math.round(i * h * 1000));
    }
  }

  /** Called after each step, e.g. to latch flags at the step's time. */
  interface StepListener {
    void stepped(long timeMillis);
  }

  /** Recomputes everything derived from the current state without letting time pass. */
  void evaluate() {
    step(0, false);
  }

  private void step(double h, boolean countAndAge) {
    fans(h);
    loops();
    lasers(h, countAndAge);
    lanes(h, countAndAge);
    ports(h, countAndAge);
    powers();
    thermal(h);
    protections();
  }

  private void fans(double h) {
    CoolingSpec c = p.cooling();
    for (int f = 0; f < t.fans; f++) {
      double target = fx.fanFailed[f] ? 0 : c.fanMaxRpm() * s.fanDemandPercent[f] / 100;
      s.fanRpm[f] += (target - s.fanRpm[f]) * Thermal.fraction(h, c.fanTimeConstantSeconds());
    }
  }

  private void loops() {
    CoolingSpec c = p.cooling();
    for (int j = 0; j < t.loops; j++) {
      double flowFraction = fx.loopFlowFactor[j];
      s.loopFlowLpm[j] = c.flowLitresPerMinute() * flowFraction;
      loopEffectiveFlow[j] = Math.max(c.residualFlowFraction(), flowFraction);
      double inlet = fx.loopInletCelsius[j];
      s.loopInlet[j] = Double.isNaN(inlet) ? c.inletCelsius() : inlet;
    }
  }

  private void lasers(double h, boolean countAndAge) {
    LaserSpec ls = p.lasers();
    double naturalPerSecond = ls.agingPercentPerYear() / 100 / SECONDS_PER_YEAR;
    double approach = Thermal.fraction(h, ls.timeConstantSeconds());
    for (int m = 0; m < t.modules; m++) {
      s.moduleWatts[m] = s.modulePresent[m] ? p.laserModules().electronicsWatts() : 0;
    }
    for (int i = 0; i < t.lasers; i++) {
      int m = t.moduleOfLaser(i);
      boolean present = s.modulePresent[m];
      double steady;
      if (!present) {
        s.laserTecPercent[i] = 0;
        s.laserTecSaturated[i] = false;
        steady = p.cooling().airInletCelsius();
      } else if (fx.laserTecFailed[i]) {
        s.laserTecPercent[i] = 0;
        s.laserTecSaturated[i] = false;
        steady = s.caseTemp[m] + Math.max(ls.untetheredRiseKelvin(), fx.laserTecRiseKelvin[i]);
      } else {
        double demand = laser.tecDemandPercent(s.caseTemp[m]);
        s.laserTecPercent[i] = Math.max(0, Math.min(100, demand));
        s.laserTecSaturated[i] = demand > 100;
        steady = laser.heldCelsius(s.caseTemp[m]);
      }
      s.laserTemp[i] += (steady - s.laserTemp[i]) * approach;
      boolean emitting = present && s.laserEnabled[i] && !fx.laserFailed[i] && !s.laserTripped[i];
      if (emitting) {
        s.laserBiasMilliamps[i] = laser.biasMilliamps(s.laserTemp[i], s.laserDegradation[i]);
        s.laserPowerMilliwatts[i] = ls.outputMilliwatts() * fx.laserPowerFactor[i];
        if (countAndAge) {
          s.laserDegradation[i] += (naturalPerSecond + fx.laserDriftPerSecond[i]) * h;
        }
      } else {
        s.laserBiasMilliamps[i] = 0;
        s.laserPowerMilliwatts[i] = 0;
      }
      if (present) {
        s.moduleWatts[m] += laser.watts(s.laserBiasMilliamps[i], s.laserTecPercent[i]);
      }
    }
  }

  private void lanes(double h, boolean countAndAge) {
    EngineSpec es = p.opticalEngines();
    java.util.Arrays.fill(s.portLanesUp, 0);
    java.util.Arrays.fill(asicLanesUp, 0);
    java.util.Arrays.fill(engineLanesUp, 0);
    double cwPerSecond = link.codewordsPerSecond();
    long[] corrected = s.laneCounters[CounterKind.FEC_CORRECTED_CODEWORDS.ordinal()];
    double[] correctedCarry = s.laneCounterCarry[CounterKind.FEC_CORRECTED_CODEWORDS.ordinal()];
    long[] uncorrectable = s.laneCounters[CounterKind.FEC_UNCORRECTABLE_CODEWORDS.ordinal()];
    double[] uncorrectableCarry = s.laneCounterCarry[CounterKind.FEC_UNCORRECTABLE_CODEWORDS.ordinal()];
    for (int q = 0; q < t.lanes; q++) {
      int a = t.laneAsic[q];
      int e = t.laneEngine[q];
      int port = t.lanePort[q];
      boolean driven = asicOn(a) && s.portAdminUp[port];
      s.laneExpected[q] = driven;
      double tx = driven ? s.laserPowerMilliwatts[t.laneLaser[q]] * laneLossFactor : 0;
      double rx = fx.laneCut[q] ? 0 : tx * s.lanePathFactor[q] * fx.lanePathFactor[q];
      s.laneTxMilliwatts[q] = tx;
      s.laneRxMilliwatts[q] = rx;
      boolean up = driven && rx >= losMilliwatts;
      s.laneUp[q] = up;
      laneUncorrectableStep[q] = 0;
      if (!up) {
        s.laneBer[q] = 0.5;
        lastRx[q] = -1;
        continue;
      }
      double overLimit = Math.max(0, s.engineTemp[e] - es.ringTuningLimitCelsius());
      double qScale = Math.max(0.05, 1 - es.qPenaltyPerKelvin() * overLimit);
      double factor = fx.laneBerFactor[q];
      if (rx != lastRx[q] || qScale != lastQScale[q] || factor != lastBerFactor[q]) {
        double ber = Math.min(0.5, link.ber(rx, qScale) * factor);
        s.laneBer[q] = ber;
        lastBad[q] = link.uncorrectableCodewordProbability(ber);
        lastErrored[q] = Math.max(lastBad[q], link.erroredCodewordProbability(ber));
        lastRx[q] = rx;
        lastQScale[q] = qScale;
        lastBerFactor[q] = factor;
      }
      s.portLanesUp[port]++;
      asicLanesUp[a]++;
      engineLanesUp[e]++;
      if (countAndAge && h > 0) {
        double codewords = cwPerSecond * h;
        double bad = lastBad[q];
        double errored = lastErrored[q];
        SimState.count(corrected, correctedCarry, q, codewords * (errored - bad));
        double before = uncorrectable[q];
        SimState.count(uncorrectable, uncorrectableCarry, q, codewords * bad);
        laneUncorrectableStep[q] = uncorrectable[q] - before;
      }
    }
  }

  private void ports(double h, boolean countAndAge) {
    if (!countAndAge || h <= 0) {
      return;
    }
    double laneBytesPerSecond = p.ports().laneRateGbps() * 1e9 / 8;
    double meanPacket = p.ports().meanPacketBytes();
    for (int port = 0; port < t.ports; port++) {
      double bytes = s.portLanesUp[port] * laneBytesPerSecond * s.load * h;
      double packets = bytes / meanPacket;
      add(CounterKind.TX_OCTETS, port, bytes);
      add(CounterKind.RX_OCTETS, port, bytes);
      // Traffic mix (estimate): almost all unicast, a little multicast and broadcast.
      add(CounterKind.TX_UNICAST_PACKETS, port, packets * 0.98);
      add(CounterKind.RX_UNICAST_PACKETS, port, packets * 0.98);
      add(CounterKind.TX_MULTICAST_PACKETS, port, packets * 0.015);
      add(CounterKind.RX_MULTICAST_PACKETS, port, packets * 0.015);
      add(CounterKind.TX_BROADCAST_PACKETS, port, packets * 0.005);
      add(CounterKind.RX_BROADCAST_PACKETS, port, packets * 0.005);
      double errors = 0;
      for (int k = 0; k < t.lanesPerPort; k++) {
        errors += laneUncorrectableStep[port * t.lanesPerPort + k];
      }
      // Each uncorrectable codeword corrupts (at most) one frame.
      add(CounterKind.RX_ERRORS, port, Math.min(errors, packets));
    }
  }

  private void add(CounterKind kind, int port, double amount) {
    SimState.count(s.portCounters[kind.ordinal()], s.portCounterCarry[kind.ordinal()], port, amount);
  }

  private void powers() {
    AsicSpec as = p.asics();
    EngineSpec es = p.opticalEngines();
    double total = p.power().baseWatts();
    for (int a = 0; a < t.asics; a++) {
      double share = (double) asicLanesUp[a] / t.asicLaneCount[a];
      s.asicWatts[a] = asicOn(a) ? as.staticWatts() + as.dynamicWatts() * s.load * share : 0;
      total += s.asicWatts[a];
    }
    for (int e = 0; e < t.engines; e++) {
      double share = (double) engineLanesUp[e] / t.lanesPerEngine;
      s.engineWatts[e] = asicOn(t.engineAsic[e]) ? es.staticWatts() + es.dynamicWatts() * s.load * share : 0;
      total += s.engineWatts[e];
    }
    for (int m = 0; m < t.modules; m++) {
      total += s.moduleWatts[m];
    }
    CoolingSpec c = p.cooling();
    for (int f = 0; f < t.fans; f++) {
      double speed = s.fanRpm[f] / c.fanMaxRpm();
      total += c.fanMaxWatts() * speed * speed * speed;
    }
    s.inputWatts = total;
    double volts = p.power().busbarVolts();
    s.inputVolts = volts - total / volts * p.power().sourceResistanceOhms();
  }

  private void thermal(double h) {
    AsicSpec as = p.asics();
    EngineSpec es = p.opticalEngines();
    CoolingSpec c = p.cooling();
    java.util.Arrays.fill(loopHeat, 0);
    for (int a = 0; a < t.asics; a++) {
      spread(t.asicLoops[a], s.asicWatts[a]);
    }
    for (int e = 0; e < t.engines; e++) {
      spread(t.asicLoops[t.engineAsic[e]], s.engineWatts[e]);
    }
    for (int j = 0; j < t.loops; j++) {
      double capacity = loopHeatCapacityWattsPerKelvin * loopEffectiveFlow[j];
      s.loopOutlet[j] = s.loopInlet[j] + loopHeat[j] / capacity;
      loopMeanCoolant[j] = s.loopInlet[j] + loopHeat[j] / (2 * capacity);
    }
    double asicApproach = Thermal.fraction(h, as.timeConstantSeconds());
    for (int a = 0; a < t.asics; a++) {
      asicCoolant[a] = coolant(t.asicLoops[a]);
      asicConvection[a] = convection(t.asicLoops[a], c);
      double steady = asicCoolant[a] + s.asicWatts[a] * (as.junctionToPlateKelvinPerWatt()
          + as.plateToCoolantKelvinPerWatt() * asicConvection[a]) + fx.asicExtraKelvin[a];
      s.asicTemp[a] += (steady - s.asicTemp[a]) * asicApproach;
    }
    double engineApproach = Thermal.fraction(h, es.timeConstantSeconds());
    for (int e = 0; e < t.engines; e++) {
      int a = t.engineAsic[e];
      double steady = asicCoolant[a] + s.engineWatts[e] * (es.junctionToPlateKelvinPerWatt()
          + es.plateToCoolantKelvinPerWatt() * asicConvection[a]) + fx.engineExtraKelvin[e];
      s.engineTemp[e] += (steady - s.engineTemp[e]) * engineApproach;
    }
    double airflow = 0;
    for (int f = 0; f < t.fans; f++) {
      airflow += s.fanRpm[f];
    }
    double relativeAirflow = airflow / t.fans / (c.fanMaxRpm() * c.fanDefaultPercent() / 100);
    double airFactor = Math.pow(Math.max(RESIDUAL_AIRFLOW, relativeAirflow), -c.convectionFlowExponent());
    double caseApproach = Thermal.fraction(h, p.laserModules().timeConstantSeconds());
    for (int m = 0; m < t.modules; m++) {
      double steady = c.airInletCelsius() + s.moduleWatts[m] * p.laserModules().caseToAirKelvinPerWatt() * airFactor;
      s.caseTemp[m] += (steady - s.caseTemp[m]) * caseApproach;
    }
    double chassisSteady = c.airInletCelsius() + s.inputWatts * CHASSIS_KELVIN_PER_WATT * airFactor;
    s.chassisTemp += (chassisSteady - s.chassisTemp) * Thermal.fraction(h, CHASSIS_TAU_SECONDS);
  }

  private void spread(int[] loops, double watts) {
    for (int j : loops) {
      loopHeat[j] += watts / loops.length;
    }
  }

  private double coolant(int[] loops) {
    double sum = 0;
    for (int j : loops) {
      sum += loopMeanCoolant[j];
    }
    return sum / loops.length;
  }

  /** Convection resistance relative to nominal flow: flow^-exponent (Dittus-Boelter). */
  private double convection(int[] loops, CoolingSpec c) {
    double flow = 0;
    for (int j : loops) {
      flow += loopEffectiveFlow[j];
    }
    return Math.pow(flow / loops.length, -c.convectionFlowExponent());
  }

  /** What the hardware does by itself: ASIC thermal trip, laser shutdown on TEC runaway. */
  private void protections() {
    AsicSpec as = p.asics();
    for (int a = 0; a < t.asics; a++) {
      if (s.asicTemp[a] >= as.hardwareShutdownCelsius()) {
        s.asicTripped[a] = true;
      } else if (s.asicTripped[a] && s.asicTemp[a] < as.hardwareShutdownCelsius() - 30) {
        // Hysteresis (estimate): the board powers the ASIC back up once it is well below the trip point.
        s.asicTripped[a] = false;
      }
    }
    LaserSpec ls = p.lasers();
    for (int i = 0; i < t.lasers; i++) {
      if (s.laserTemp[i] >= ls.shutdownCelsius()) {
        s.laserTripped[i] = true;
      } else if (s.laserTripped[i] && s.laserTemp[i] < p.moduleThresholds().laserTempHighAlarmCelsius()) {
        s.laserTripped[i] = false;
      }
    }
  }

  boolean asicOn(int a) {
    return !s.asicAdminShutdown[a] && !s.asicTripped[a];
  }

  /** Laser output below the module's low-power alarm level while it should be emitting. */
  boolean laserPowerLow(int i) {
    return s.laserPowerMilliwatts[i] < p.lasers().outputMilliwatts() * txLowFactor;
  }
}
