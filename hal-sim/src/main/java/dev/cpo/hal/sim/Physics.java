package dev.cpo.hal.sim;

import dev.cpo.hal.sim.profile.AsicSpec;
import dev.cpo.hal.sim.profile.EngineSpec;
import dev.cpo.hal.sim.profile.LaserSpec;
import dev.cpo.hal.sim.profile.Profile;

/**
 * Advances the coupled physics: lasers (TEC, APC, aging) -> lanes (optical power, BER, FEC) -> ports
 * (state, traffic counters) -> power -> heat (coolant loops, cold plates, air) -> temperatures, which
 * feed back into the lasers and engines at the next step.
 *
 * <p>Long intervals are cut into at most {@link #MAX_STEPS} equal steps of at least
 * {@link #STEP_SECONDS}, and past {@link #FINE_SECONDS} of at least {@link #LONG_STEP_SECONDS};
 * temperatures use the exact exponential step and counters and aging are linear in time, so the result
 * depends only on the start and end times, never on wall time.
 *
 * <p>Why coarser steps for long intervals: at {@code timeScale} 3600 each 1 s poll asks for an hour
 * of physics. In 10 s steps that was 360 steps a read, about 0.8 s of CPU once the far end, latches and
 * the APC ceiling were modelled (2.2 ms a step, measured), more than the poller's 500 ms read timeout on
 * a busy machine; a read that times out makes the next one longer still. In 60 s steps it is 60 steps.
 * The thermal time constants are exact at any step, and the transients shorter than a minute (laser
 * ramp, module initialisation, link training) are seconds long at 1x, where steps stay at 10 s.
 */
final class Physics {

  static final double STEP_SECONDS = 10;
  /** Intervals up to this long are stepped in {@link #STEP_SECONDS}. */
  static final double FINE_SECONDS = 600;
  /** The least step of a longer interval. */
  static final double LONG_STEP_SECONDS = 60;
  static final int MAX_STEPS = 2000;
  private static final double SECONDS_PER_YEAR = 365.25 * 86_400;

  private final Topology t;
  private final SimState s;
  private final FaultEffects fx;
  private final Profile p;
  private final LaserModel laser;
  private final LanePhysics lanes;
  private final CoolingModel cooling;
  private final double txLowFactor;
  /** How far the lasers' temperatures were from their steady states after the last step, kelvin (the largest). */
  private double laserUnsettledKelvin;

  Physics(Topology t, SimState s, FaultEffects fx) {
    this.t = t;
    this.s = s;
    this.fx = fx;
    this.p = t.profile;
    this.laser = new LaserModel(p.lasers());
    this.lanes = new LanePhysics(t, s, fx);
    this.cooling = new CoolingModel(t, s, fx);
    this.txLowFactor = Math.pow(10, -p.moduleThresholds().txPowerLowAlarmDb() / 10);
  }

  LaserModel laserModel() {
    return laser;
  }

  /** The most steps {@link #settle} takes. */
  static final int SETTLE_STEPS = 30;
  /**
   * {@link #settle} stops after a step that moved no temperature by more than this (a millionth of a kelvin:
   * a 256th of the finest register unit, 1/256 C, is 3,900 times more).
   */
  static final double SETTLED_KELVIN = 1e-6;

  /**
   * Runs to a thermal steady state without counting traffic or aging: the switch as found at start. Each step
   * of 10^6 s takes every temperature to its steady state given the others; what still moves after the first
   * is the loop of case temperature, TEC current and module power, by about a quarter of the step before, so
   * every bundled profile is settled after 13 steps instead of 30 (27-28 to the last bit).
   */
  void settle() {
    settle(SETTLE_STEPS, SETTLED_KELVIN);
  }

  /** As {@link #settle()}: at most {@code steps}, ending after one that moved nothing more than {@code kelvin}. */
  void settle(int steps, double kelvin) {
    double[][] temps = settledTemperatures();
    double[][] before = new double[temps.length][];
    for (int i = 0; i < steps; i++) {
      for (int k = 0; k < temps.length; k++) {
        before[k] = temps[k].clone();
      }
      double chassis = s.chassisTemp;
      step(1e6, false, s.timeMillis);
      if (i > 0 && Math.abs(s.chassisTemp - chassis) <= kelvin && largestChange(temps, before) <= kelvin) {
        break;
      }
    }
    step(0, false, s.timeMillis);
  }

  /** The temperatures {@link #settle} watches (and the chassis air, a scalar). */
  double[][] settledTemperatures() {
    return new double[][] {s.asicTemp, s.engineTemp, s.caseTemp, s.laserTemp, s.loopInlet, s.loopOutlet};
  }

  static double largestChange(double[][] now, double[][] before) {
    double most = 0;
    for (int k = 0; k < now.length; k++) {
      for (int i = 0; i < now[k].length; i++) {
        double d = Math.abs(now[k][i] - before[k][i]);
        if (Double.isNaN(d)) {
          return Double.POSITIVE_INFINITY;
        }
        most = Math.max(most, d);
      }
    }
    return most;
  }

  /** Advances by {@code dtSeconds}; calls {@code afterStep} with each step's end time. */
  void advance(double dtSeconds, long startMillis, StepListener afterStep) {
    if (dtSeconds <= 0) {
      step(0, false, startMillis);
      afterStep.stepped(startMillis);
      return;
    }
    double least = dtSeconds <= FINE_SECONDS ? STEP_SECONDS : LONG_STEP_SECONDS;
    int n = (int) Math.min(MAX_STEPS, Math.ceil(dtSeconds / least));
    double h = dtSeconds / n;
    for (int i = 1; i <= n; i++) {
      long at = startMillis + Math.round(i * h * 1000);
      step(h, true, at);
      afterStep.stepped(at);
    }
  }

  /** Called after each step, e.g. to latch flags at the step's time. */
  interface StepListener {
    void stepped(long timeMillis);
  }

  /** Recomputes everything derived from the current state without letting time pass. */
  void evaluate() {
    step(0, false, s.timeMillis);
  }

  /**
   * Whether the last step left every temperature within {@code kelvin} of its steady state and every fan
   * at its target speed (within {@code fanFraction} of its maximum): with nothing else changing, the
   * physics then moves no temperature by more than that before anything changes it.
   */
  boolean settled(double kelvin, double fanFraction) {
    return laserUnsettledKelvin < kelvin && cooling.settled(kelvin, fanFraction);
  }

  private void step(double h, boolean countAndAge, long atMillis) {
    laserUnsettledKelvin = 0;
    cooling.startStep();
    cooling.fans(h);
    cooling.loops();
    lasers(h, countAndAge, atMillis);
    lanes.lanes(h, countAndAge, atMillis);
    lanes.ports(h, countAndAge, atMillis);
    powers();
    cooling.thermal(h);
    if (protections()) {
      // A latch fell this step: what it turned off draws nothing from now on, and the snapshot says so.
      lasers(0, false, atMillis);
      lanes.lanes(0, false, atMillis);
      lanes.ports(0, false, atMillis);
      powers();
    }
  }

  private void lasers(double h, boolean countAndAge, long atMillis) {
    LaserSpec ls = p.lasers();
    double rampMillis = ls.rampSeconds() * 1000;
    double naturalPerSecond = ls.agingPercentPerYear() / 100 / SECONDS_PER_YEAR;
    double approach = Thermal.fraction(h, ls.timeConstantSeconds());
    for (int m = 0; m < t.modules; m++) {
      s.moduleWatts[m] = s.modulePresent[m] ? p.laserModules().electronicsWatts() : 0;
    }
    for (int i = 0; i < t.lasers; i++) {
      int m = t.moduleOfLaser(i);
      boolean present = s.modulePresent[m];
      double steady;
      if (!present || s.moduleOff(m) || s.laserTripped[i]) {
        // Absent, shut down (over its case limit or by command), or off on TEC runaway: no TEC current either.
        s.laserTecPercent[i] = 0;
        s.laserTecSaturated[i] = false;
        steady = present ? s.caseTemp[m] : p.cooling().airInletCelsius();
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
      laserUnsettledKelvin = Math.max(laserUnsettledKelvin, Math.abs(steady - s.laserTemp[i]));
      boolean emitting = present && !s.moduleOff(m) && s.laserEnabled[i] && !fx.laserFailed[i]
          && !s.laserTripped[i];
      double ramp = 1;
      if (emitting && atMillis < s.laserRampStartMillis[i] + rampMillis) {
        // Initialising (before the ramp starts) or ramping: RAMPING state, power rising linearly.
        ramp = atMillis < s.laserRampStartMillis[i] ? 0 : (atMillis - s.laserRampStartMillis[i]) / rampMillis;
      }
      s.laserRamping[i] = emitting && ramp < 1;
      if (emitting && ramp > 0) {
        double d = s.laserSpread[i] + s.degradation(i);
        double target = ls.outputMilliwatts() * ramp;
        // APC: the current that gives the target power (threshold plus power over slope efficiency).
        double need = laser.biasMilliamps(s.laserTemp[i], d)
            - (ls.outputMilliwatts() - target) * (1 + d) / ls.slopeMilliwattsPerMilliamp();
        if (need <= ls.maxBiasMilliamps()) {
          s.laserBiasMilliamps[i] = need;
        } else {
          // The APC loop asks for more current than the driver gives: the bias sits at the ceiling and the
          // output sags, the sequence an operator sees before the laser dies.
          s.laserBiasMilliamps[i] = ls.maxBiasMilliamps();
          target = Math.min(target, laser.milliwattsAtBias(s.laserTemp[i], d, ls.maxBiasMilliamps()));
        }
        s.laserPowerMilliwatts[i] = target * fx.laserPowerFactor[i];
        if (countAndAge) {
          s.laserDegradation[i] += naturalPerSecond * h;
        }
      } else {
        s.laserBiasMilliamps[i] = 0;
        s.laserPowerMilliwatts[i] = 0;
      }
      if (present) {
        s.moduleWatts[m] += laser.watts(s.laserBiasMilliamps[i], s.laserTecPercent[i]);
      }
    }
    if (countAndAge) {
      // A fault wears its laser only while it emits (bias is 0 when it does not).
      for (FaultEffects.LaserDrift d : fx.laserDrifts) {
        if (s.laserBiasMilliamps[d.laser()] > 0) {
          s.faultWear.add(d.faultId(), d.laser(), d.perSecond() * h);
        }
      }
    }
  }

  private void powers() {
    AsicSpec as = p.asics();
    EngineSpec es = p.opticalEngines();
    double total = p.power().baseWatts();
    for (int a = 0; a < t.asics; a++) {
      double share = (double) lanes.asicLanesUp[a] / t.asicLaneCount[a];
      s.asicWatts[a] = s.asicOn(a) ? as.staticWatts() + as.dynamicWatts() * s.load * share : 0;
      total += s.asicWatts[a];
    }
    for (int e = 0; e < t.engines; e++) {
      double share = (double) lanes.engineLanesUp[e] / t.lanesPerEngine;
      s.engineWatts[e] = s.asicOn(t.engineAsic[e]) ? es.staticWatts() + es.dynamicWatts() * s.load * share : 0;
      total += s.engineWatts[e];
    }
    for (int m = 0; m < t.modules; m++) {
      total += s.moduleWatts[m];
    }
    dev.cpo.hal.sim.profile.CoolingSpec c = p.cooling();
    for (int f = 0; f < t.fans; f++) {
      double speed = s.fanRpm[f] / c.fanMaxRpm();
      total += c.fanMaxWatts() * speed * speed * speed;
    }
    s.inputWatts = total;
    double volts = p.power().busbarVolts();
    s.inputVolts = volts - total / volts * p.power().sourceResistanceOhms();
  }

  /**
   * What the hardware does by itself: ASIC thermal trip, laser shutdown on TEC runaway. Returns whether a
   * latch changed, so the step re-derives lanes and power: the state reported always matches the power drawn.
   */
  private boolean protections() {
    AsicSpec as = p.asics();
    boolean tripped = false;
    for (int a = 0; a < t.asics; a++) {
      // Latched: the ASIC stays off until the agent's policy or an operator restarts it
      // (SimulatedSwitch.setAsicShutdown(asic, false) once it is below its trip point): no limit cycle.
      if (!s.asicTripped[a] && s.asicOn(a) && s.asicTemp[a] >= as.hardwareShutdownCelsius()) {
        s.asicTripped[a] = true;
        tripped = true;
      }
    }
    double caseLimit = p.laserModules().caseShutdownCelsius();
    for (int m = 0; m < t.modules; m++) {
      if (s.modulePresent[m] && !s.moduleTripped[m] && s.caseTemp[m] >= caseLimit) {
        s.moduleTripped[m] = true;
        tripped = true;
      }
    }
    LaserSpec ls = p.lasers();
    for (int i = 0; i < t.lasers; i++) {
      if (s.laserTemp[i] >= ls.shutdownCelsius()) {
        tripped |= !s.laserTripped[i];
        s.laserTripped[i] = true;
      } else if (s.laserTripped[i] && s.laserTemp[i] < p.moduleThresholds().laserTempHighAlarmCelsius()) {
        s.laserTripped[i] = false;
      }
    }
    return tripped;
  }

  /** Laser output below the module's low-power alarm level while it should be emitting. */
  boolean laserPowerLow(int i) {
    return s.laserPowerMilliwatts[i] < p.lasers().outputMilliwatts() * txLowFactor;
  }
}
