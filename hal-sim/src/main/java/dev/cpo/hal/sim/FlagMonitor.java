package dev.cpo.hal.sim;

import dev.cpo.hal.ElsFlag;
import dev.cpo.hal.FlagKind;
import dev.cpo.hal.sim.profile.ModuleThresholds;

/**
 * Watches the physical state after every step and latches a flag on each rising edge of a module
 * condition: laser temperature, bias and output power, TEC saturation or failure, laser faults, module
 * case and engine temperatures, and loss of signal on the lanes an engine receives. It also feeds each
 * laser's ELS flags (levels, not edges) to the {@link ElsFlagTracker}, which counts their changes.
 */
final class FlagMonitor {

  private final Topology t;
  private final SimState s;
  private final FaultEffects fx;
  private final FlagLatch latch;
  private final ModuleThresholds th;
  private final double biasWarn;
  private final double biasAlarm;
  private final Physics physics;
  private final int[] laserPrev;
  private final int[] modulePrev;
  private final int[] enginePrev;
  private final boolean[] lanePrev;
  private final String[] laserNames;
  private final String[] laneNames;
  private final String[] moduleNames;
  private final String[] engineNames;
  private final ElsFlagTracker els;
  private final double biasLowWarn;
  private final double powerHighAlarm;
  private final double powerHighWarn;
  private final double powerLowWarn;
  private final double powerLowAlarm;

  FlagMonitor(Topology t, SimState s, FaultEffects fx, FlagLatch latch, Physics physics, ElsFlagTracker els) {
    this.els = els;
    this.t = t;
    this.s = s;
    this.fx = fx;
    this.latch = latch;
    this.physics = physics;
    this.th = t.profile.moduleThresholds();
    double bol = physics.laserModel().beginningOfLifeBiasMilliamps();
    biasWarn = bol * (1 + th.biasHighWarningPercent() / 100);
    biasAlarm = bol * (1 + th.biasHighAlarmPercent() / 100);
    biasLowWarn = th.biasLowWarningMilliamps();
    double nominal = t.profile.lasers().outputMilliwatts();
    powerHighAlarm = nominal * Math.pow(10, th.txPowerHighAlarmDb() / 10);
    powerHighWarn = nominal * Math.pow(10, th.txPowerHighWarningDb() / 10);
    powerLowWarn = nominal * Math.pow(10, -th.txPowerLowWarningDb() / 10);
    powerLowAlarm = nominal * Math.pow(10, -th.txPowerLowAlarmDb() / 10);
    laserPrev = new int[t.lasers];
    modulePrev = new int[t.modules];
    enginePrev = new int[t.engines];
    lanePrev = new boolean[t.lanes];
    laserNames = new String[t.lasers];
    for (int i = 0; i < t.lasers; i++) {
      laserNames[i] = "els" + (t.moduleOfLaser(i) + 1) + "/laser" + (i % t.lasersPerModule + 1);
    }
    moduleNames = new String[t.modules];
    for (int m = 0; m < t.modules; m++) {
      moduleNames[m] = "els" + (m + 1);
    }
    engineNames = new String[t.engines];
    for (int e = 0; e < t.engines; e++) {
      engineNames[e] = "oe" + (e + 1);
    }
    laneNames = new String[t.lanes];
    for (int q = 0; q < t.lanes; q++) {
      laneNames[q] = "port" + (q / t.lanesPerPort + 1) + "/lane" + (q % t.lanesPerPort + 1);
    }
  }

  /** Takes the current conditions as already known, without latching (the state at start). */
  void prime() {
    check(Long.MIN_VALUE, false);
  }

  void check(long timeMillis) {
    check(timeMillis, true);
  }

  private void check(long timeMillis, boolean latchEdges) {
    for (int i = 0; i < t.lasers; i++) {
      int m = t.moduleOfLaser(i);
      int now = 0;
      if (s.modulePresent[m] && s.laserEnabled[i] && !s.laserRamping[i]) {
        double temp = s.laserTemp[i];
        double bias = s.laserBiasMilliamps[i];
        now |= bit(temp >= th.laserTempHighWarningCelsius(), FlagKind.TEMPERATURE_HIGH_WARNING);
        now |= bit(temp >= th.laserTempHighAlarmCelsius(), FlagKind.TEMPERATURE_HIGH_ALARM);
        now |= bit(bias >= biasWarn, FlagKind.BIAS_HIGH_WARNING);
        now |= bit(bias >= biasAlarm, FlagKind.BIAS_HIGH_ALARM);
        now |= bit(bias < th.biasLowAlarmMilliamps(), FlagKind.BIAS_LOW_ALARM);
        now |= bit(physics.laserPowerLow(i), FlagKind.TX_POWER_LOW_ALARM);
        now |= bit(fx.laserFailed[i] || s.laserTripped[i], FlagKind.LASER_FAULT);
        now |= bit(fx.laserTecFailed[i] || s.laserTecSaturated[i], FlagKind.TEC_FAULT);
      }
      laserPrev[i] = edges(laserPrev[i], now, m, laserNames[i], timeMillis, latchEdges);
      int flags = elsFlags(i, m);
      if (latchEdges) {
        els.update(i, flags, timeMillis);
      } else {
        els.prime(i, flags);
      }
    }
    for (int m = 0; m < t.modules; m++) {
      int now = 0;
      if (s.modulePresent[m]) {
        now |= bit(s.caseTemp[m] >= th.caseTempHighWarningCelsius(), FlagKind.TEMPERATURE_HIGH_WARNING);
        now |= bit(s.caseTemp[m] >= th.caseTempHighAlarmCelsius(), FlagKind.TEMPERATURE_HIGH_ALARM);
      }
      modulePrev[m] = edges(modulePrev[m], now, m, moduleNames[m], timeMillis, latchEdges);
    }
    for (int e = 0; e < t.engines; e++) {
      int now = 0;
      now |= bit(s.engineTemp[e] >= th.engineTempHighWarningCelsius(), FlagKind.TEMPERATURE_HIGH_WARNING);
      now |= bit(s.engineTemp[e] >= th.engineTempHighAlarmCelsius(), FlagKind.TEMPERATURE_HIGH_ALARM);
      enginePrev[e] = edges(enginePrev[e], now, t.modules + e, engineNames[e], timeMillis, latchEdges);
    }
    for (int q = 0; q < t.lanes; q++) {
      // A lane that is not meant to carry light (port admin down, ASIC off) is masked.
      boolean los = s.laneExpected[q] && s.laneLos[q];
      if (los && !lanePrev[q] && latchEdges) {
        latch.latch(t.modules + t.laneEngine[q], laneNames[q], FlagKind.LOSS_OF_SIGNAL, timeMillis);
      }
      lanePrev[q] = los;
    }
  }

  /**
   * The laser's ELS flags now. Bias and power flags compare the monitors with the module's levels while
   * the laser should emit (enabled, present, not ramping); a laser that should emit and does not is in
   * fault, and reads low bias and low power as well, as a dark ELSFP lane does.
   */
  private int elsFlags(int i, int m) {
    if (!s.modulePresent[m] || s.moduleAdminShutdown[m] || !s.laserEnabled[i] || s.laserRamping[i]) {
      return 0;
    }
    double bias = s.laserBiasMilliamps[i];
    double mw = s.laserPowerMilliwatts[i];
    int bits = 0;
    bits |= bias >= biasAlarm ? ElsFlag.BIAS_HIGH_ALARM.bit() : 0;
    bits |= bias >= biasWarn ? ElsFlag.BIAS_HIGH_WARNING.bit() : 0;
    bits |= bias < biasLowWarn ? ElsFlag.BIAS_LOW_WARNING.bit() : 0;
    bits |= bias < th.biasLowAlarmMilliamps() ? ElsFlag.BIAS_LOW_ALARM.bit() : 0;
    bits |= mw >= powerHighAlarm ? ElsFlag.POWER_HIGH_ALARM.bit() : 0;
    bits |= mw >= powerHighWarn ? ElsFlag.POWER_HIGH_WARNING.bit() : 0;
    bits |= mw < powerLowWarn ? ElsFlag.POWER_LOW_WARNING.bit() : 0;
    bits |= mw < powerLowAlarm ? ElsFlag.POWER_LOW_ALARM.bit() : 0;
    boolean fault = fx.laserFailed[i] || s.laserTripped[i] || s.moduleTripped[m];
    bits |= fault ? ElsFlag.FAULT.bit() : 0;
    boolean warning = s.laserTemp[i] >= th.laserTempHighWarningCelsius() || s.laserTecSaturated[i]
        || fx.laserTecFailed[i];
    bits |= warning && !fault ? ElsFlag.WARNING.bit() : 0;
    return bits;
  }

  private int edges(int prev, int now, int module, String entity, long timeMillis, boolean latchEdges) {
    int rising = now & ~prev;
    if (rising != 0 && latchEdges) {
      for (FlagKind k : FlagKind.values()) {
        if ((rising & (1 << k.ordinal())) != 0) {
          latch.latch(module, entity, k, timeMillis);
        }
      }
    }
    return now;
  }

  private static int bit(boolean condition, FlagKind kind) {
    return condition ? 1 << kind.ordinal() : 0;
  }
}
