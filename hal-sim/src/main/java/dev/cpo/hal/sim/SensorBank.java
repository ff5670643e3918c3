package dev.cpo.hal.sim;

import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.util.List;

/**
 * What the sensors report, as opposed to the physical truth: each sensor samples on its own update
 * period (with a seeded phase, so time stamps differ between sensors), adds small seeded noise, and
 * quantises to its register unit (CMIS: bias 0.1 mA, laser power 0.01 mW, lane power 0.1 uW,
 * temperature 1/256 C).
 */
final class SensorBank {

  /** Fast sensors (lasers, lanes, engines, ASICs) update this often, slow ones (coolant, fans, power) less. */
  static final long FAST_PERIOD_MILLIS = 500;
  static final long SLOW_PERIOD_MILLIS = 2000;

  private static final byte LINEAR = 0;
  private static final byte MILLIWATT_DBM = 1;
  private static final byte RELATIVE = 3;

  private final Layout layout;
  private final Topology t;
  private final int n;
  private final int[] entityOf;
  private final long[] period;
  private final long[] phase;
  private final double[] noise;
  private final double[] step;
  private final byte[] mode;
  /** Whether a reading can go negative (temperatures); the rest are magnitudes and floor at 0. */
  private final boolean[] signed;
  /** Percentages cannot read over 100, nor a BER over 0.5. */
  private final double[] ceiling;
  /** Physical values in the register's unit (optical power in mW). */
  private final double[] truth;
  final double[] reported;
  final long[] stamped;
  private final long[] lastTick;

  SensorBank(Inventory inventory, Layout layout, Topology t, long seed) {
    this.layout = layout;
    this.t = t;
    List<Sensor> sensors = inventory.sensors();
    n = sensors.size();
    entityOf = new int[n];
    period = new long[n];
    phase = new long[n];
    noise = new double[n];
    step = new double[n];
    mode = new byte[n];
    signed = new boolean[n];
    ceiling = new double[n];
    truth = new double[n];
    reported = new double[n];
    stamped = new long[n];
    lastTick = new long[n];
    for (Sensor s : sensors) {
      int i = s.index();
      entityOf[i] = inventory.require(s.entity()).index();
      period[i] = s.slowClass() ? SLOW_PERIOD_MILLIS : FAST_PERIOD_MILLIS;
      phase[i] = (long) (Noise.uniform(seed, 3, i) * period[i]);
      lastTick[i] = Long.MIN_VALUE;
      signed[i] = s.unit() == dev.cpo.hal.Unit.CELSIUS || s.unit() == dev.cpo.hal.Unit.DBM;
      ceiling[i] = s.unit() == dev.cpo.hal.Unit.PERCENT ? 100 : s.kind() == SensorKind.PRE_FEC_BER ? 0.5 : Double.MAX_VALUE;
      configure(s, i);
    }
  }

  /** Noise amplitude (half-width of the triangular noise) and quantisation step per kind (estimates). */
  private void configure(Sensor s, int i) {
    SensorKind k = s.kind();
    switch (k) {
      case TEMPERATURE:
      case COOLANT_INLET_TEMPERATURE:
      case COOLANT_OUTLET_TEMPERATURE:
        set(i, 0.08, 1.0 / 256, LINEAR);
        break;
      case BIAS_CURRENT:
        set(i, 0.3, 0.1, LINEAR);
        break;
      case TX_POWER:
        // 0.7 % relative noise is about 0.03 dB.
        set(i, 0.007, s.entityClass() == dev.cpo.hal.EntityClass.LASER ? 0.01 : 0.0001, MILLIWATT_DBM);
        break;
      case RX_POWER:
        set(i, 0.007, 0.0001, MILLIWATT_DBM);
        break;
      case TEC_CURRENT:
        set(i, 0.3, 0.1, LINEAR);
        break;
      case PRE_FEC_BER:
        // A BER estimate is a ratio of counts: relative noise, no register quantum.
        set(i, 0.05, 0, RELATIVE);
        break;
      case VOLTAGE:
        set(i, 0.0005, 0.0001, LINEAR);
        break;
      case POWER:
        set(i, 0.004, 0.1, RELATIVE);
        break;
      case FAN_SPEED:
        set(i, 30, 1, LINEAR);
        break;
      case COOLANT_FLOW:
        set(i, 0.02, 0.01, LINEAR);
        break;
      case LASER_AGE:
        set(i, 0, 1, LINEAR);
        break;
      case SUPPLY_CURRENT:
        // OIF ELSFP's VCC current monitor counts in 0.2 mA steps (SONiC elsfp.py, get_icc_monitor).
        set(i, 0.002, 0.0002, LINEAR);
        break;
      case FREQUENCY:
        // ELSFP's lane frequency register counts in 5 GHz steps (SONiC elsfp.py, get_per_lane_freq).
        set(i, 0, 5, LINEAR);
        break;
      default:
        throw new IllegalStateException("no sensor model for " + k);
    }
  }

  private void set(int i, double noiseAmplitude, double quantum, byte quantMode) {
    noise[i] = noiseAmplitude;
    step[i] = quantum;
    mode[i] = quantMode;
  }

  /**
   * Samples every sensor whose update time has come since the last call. Stuck sensors keep their
   * value but take the new time stamp, which is what makes a stuck sensor hard to spot.
   */
  void sample(SimState s, LaserModel laser, FaultEffects fx, long nowMillis, long seed) {
    boolean truthFilled = false;
    long seedKey = Noise.mix(seed);
    for (int i = 0; i < n; i++) {
      long p = period[i];
      long tick = Math.floorDiv(nowMillis - phase[i], p);
      if (tick == lastTick[i]) {
        continue;
      }
      if (!truthFilled) {
        fillTruth(s, laser);
        truthFilled = true;
      }
      lastTick[i] = tick;
      stamped[i] = tick * p + phase[i];
      int e = entityOf[i];
      if (fx.sensorStuck[e]) {
        continue;
      }
      double jitter = Noise.triangular(seedKey, i, tick) * noise[i] * fx.sensorNoiseFactor[e];
      double v = quantise(i, truth[i], jitter);
      reported[i] = signed[i] ? v : Math.min(ceiling[i], Math.max(0, v));
    }
  }

  private double quantise(int i, double value, double jitter) {
    switch (mode[i]) {
      case MILLIWATT_DBM:
        // The register holds milliwatts; the reading is in dBm.
        return Units.milliwattsToDbm(Math.round(value * (1 + jitter) / step[i]) * step[i]);
      case RELATIVE: {
        double v = value * (1 + jitter);
        return step[i] > 0 ? Math.round(v / step[i]) * step[i] : v;
      }
      default:
        return Math.round((value + jitter) / step[i]) * step[i];
    }
  }

  private void fillTruth(SimState s, LaserModel laser) {
    truth[layout.chassisSensor] = s.chassisTemp;
    for (int a = 0; a < t.asics; a++) {
      truth[layout.asicTemp(a)] = s.asicTemp[a];
      truth[layout.asicPower(a)] = s.asicWatts[a];
    }
    for (int e = 0; e < t.engines; e++) {
      truth[layout.engineTemp(e)] = s.engineTemp[e];
      truth[layout.enginePower(e)] = s.engineWatts[e];
    }
    double supply = t.profile.laserModules().supplyVolts();
    for (int m = 0; m < t.modules; m++) {
      truth[layout.moduleTemp(m)] = s.caseTemp[m];
      truth[layout.moduleVoltage(m)] = s.modulePresent[m] ? supply : 0;
    }
    for (int i = 0; i < t.lasers; i++) {
      truth[layout.laser(i, Layout.LASER_BIAS)] = s.laserBiasMilliamps[i];
      truth[layout.laser(i, Layout.LASER_TX)] = s.laserPowerMilliwatts[i];
      truth[layout.laser(i, Layout.LASER_TEMP)] = s.laserTemp[i];
      truth[layout.laser(i, Layout.LASER_TEC)] = s.laserTecPercent[i];
      truth[layout.laser(i, Layout.LASER_AGE)] = laser.agePercent(s.degradation(i));
    }
    for (int q = 0; q < t.lanes; q++) {
      truth[layout.lane(q, Layout.LANE_TX)] = s.laneTxMilliwatts[q];
      truth[layout.lane(q, Layout.LANE_RX)] = s.laneRxMilliwatts[q];
      truth[layout.lane(q, Layout.LANE_BER)] = s.laneBer[q];
    }
    for (int j = 0; j < t.loops; j++) {
      truth[layout.loop(j, Layout.LOOP_INLET)] = s.loopInlet[j];
      truth[layout.loop(j, Layout.LOOP_OUTLET)] = s.loopOutlet[j];
      truth[layout.loop(j, Layout.LOOP_FLOW)] = s.loopFlowLpm[j];
    }
    for (int f = 0; f < t.fans; f++) {
      truth[layout.fanSpeed(f)] = s.fanRpm[f];
    }
    truth[layout.inputPower()] = s.inputWatts;
    truth[layout.inputVoltage()] = s.inputVolts;
    for (int m = 0; m < t.modules; m++) {
      // What the module draws from its supply: electronics, laser drive and TECs (Physics.lasers).
      truth[layout.moduleSupplyCurrent(m)] = s.modulePresent[m] ? s.moduleWatts[m] / supply : 0;
    }
    if (layout.frequencySensors > 0) {
      dev.cpo.hal.sim.profile.LaserSpec ls = t.profile.lasers();
      for (int i = 0; i < t.lasers; i++) {
        // A dark laser has no frequency; a lit one sits on its grid, pulled by its temperature off the setpoint.
        truth[layout.laserFrequency(i)] = s.laserPowerMilliwatts[i] > 0 ? ls.nominalFrequencyGhz(i % t.lasersPerModule,
            t.lasersPerModule) + ls.tuningGhzPerKelvin() * (s.laserTemp[i] - ls.setpointCelsius()) : 0;
      }
    }
  }

  /** Forgets when each sensor last sampled, so the next {@link #sample} refreshes all (after a seed change). */
  void resample() {
    java.util.Arrays.fill(lastTick, Long.MIN_VALUE);
  }

  int entityOf(int sensor) {
    return entityOf[sensor];
  }

  int size() {
    return n;
  }
}
