package dev.cpo.hal.sim;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.sim.profile.Profile;
import java.util.Arrays;

/**
 * The physical state of the simulated switch, as flat arrays indexed like {@link Topology}. Only the
 * simulator's lock holder touches it. Fields are the physics' working set: controls, slow state
 * (temperatures, degradation, counters) and the quantities derived from them each step.
 */
final class SimState {

  long timeMillis;
  double load;
  /** The seed the hardware was built with (physical noise: power wander, uncorrectable draws). */
  final long seed;

  // Controls.
  final boolean[] asicAdminShutdown;
  final boolean[] laserEnabled;
  final boolean[] portAdminUp;
  final double[] fanDemandPercent;

  // Presence and protective latches.
  final boolean[] modulePresent;
  final boolean[] asicTripped;
  final boolean[] laserTripped;
  /** A laser module that shut its lasers and TEC down over its case limit (latched). */
  final boolean[] moduleTripped;
  /** A laser module whose lasers and TECs the agent or an operator shut down. */
  final boolean[] moduleAdminShutdown;

  // Thermal state.
  final double[] asicTemp;
  final double[] engineTemp;
  final double[] caseTemp;
  final double[] laserTemp;
  final double[] fanRpm;
  double chassisTemp;

  // Derived each step.
  final double[] asicWatts;
  final double[] engineWatts;
  final double[] moduleWatts;
  final double[] laserBiasMilliamps;
  final double[] laserPowerMilliwatts;
  final double[] laserTecPercent;
  final boolean[] laserTecSaturated;
  /** Initialising or ramping: emitting less than its output power on purpose. */
  final boolean[] laserRamping;
  final double[] laneTxMilliwatts;
  final double[] laneRxMilliwatts;
  final double[] laneBer;
  final boolean[] laneUp;
  final boolean[] laneExpected;
  /** Our light as the link partner receives it. */
  final double[] laneFarRxMilliwatts;
  /** Receiver latches with hysteresis: loss of signal here and at the far end, loss of lock, FEC degraded. */
  final boolean[] laneLos;
  final boolean[] farLos;
  final boolean[] laneLockLost;
  final boolean[] laneFecDegraded;
  /** {@link LaneFault} bits per lane. */
  final byte[] laneFault;
  final int[] portLanesUp;
  /** Lanes carrying traffic: lanes up, or 0 on a {@code pcs} port with any lane down. */
  final int[] portTrafficLanes;
  final boolean[] portDown;
  final long[] portLastChangeMillis;
  /** Expected bit error ratio after FEC per port (the mean over its receiving lanes). */
  final double[] portPostFecBer;
  boolean portsPrimed;
  /** Per histogram bin k (codewords with k symbol errors), per port; with the carried fraction. */
  final long[][] fecBins;
  final double[][] fecBinCarry;
  final double[] loopInlet;
  final double[] loopOutlet;
  final double[] loopFlowLpm;
  double inputWatts;
  double inputVolts;

  // Aging: fractional bias increase at the setpoint over beginning of life. Natural aging and the
  // initial spread here; the wear of laser-degradation faults apart, so clearing one takes it back.
  final double[] laserDegradation;
  /** Manufacturing spread: a new laser's bias offset over the nominal, fixed for its life (not age). */
  final double[] laserSpread;
  /** Laser ramp: it emits nothing before rampStart, ramps linearly, and its lanes may come up from readyAt. */
  final long[] laserRampStartMillis;
  final long[] laserReadyAtMillis;
  /** The latest of {@link #laserReadyAtMillis}: until then a laser initialises, ramps or its lanes train. */
  long readyAtMillis = Long.MIN_VALUE;
  final LaserWear faultWear;
  /** Per lane fixed path loss as a linear factor (seeded spread around the profile's loss). */
  final double[] lanePathFactor;

  // Counters: whole counts plus the fraction carried to the next step, so no count is lost or invented.
  final long[][] portCounters = new long[CounterKind.values().length][];
  final double[][] portCounterCarry = new double[CounterKind.values().length][];
  final long[][] laneCounters = new long[CounterKind.values().length][];
  final double[][] laneCounterCarry = new double[CounterKind.values().length][];

  SimState(Topology t, long seed, double load) {
    Profile p = t.profile;
    this.load = load;
    this.seed = seed;
    asicAdminShutdown = new boolean[t.asics];
    laserEnabled = new boolean[t.lasers];
    Arrays.fill(laserEnabled, true);
    portAdminUp = new boolean[t.ports];
    Arrays.fill(portAdminUp, true);
    fanDemandPercent = new double[t.fans];
    Arrays.fill(fanDemandPercent, p.cooling().fanDefaultPercent());
    modulePresent = new boolean[t.modules];
    Arrays.fill(modulePresent, true);
    asicTripped = new boolean[t.asics];
    laserTripped = new boolean[t.lasers];
    moduleTripped = new boolean[t.modules];
    moduleAdminShutdown = new boolean[t.modules];

    asicTemp = filled(t.asics, p.cooling().inletCelsius());
    engineTemp = filled(t.engines, p.cooling().inletCelsius());
    caseTemp = filled(t.modules, p.cooling().airInletCelsius());
    laserTemp = filled(t.lasers, p.lasers().setpointCelsius());
    fanRpm = filled(t.fans, p.cooling().fanMaxRpm() * p.cooling().fanDefaultPercent() / 100);
    chassisTemp = p.cooling().airInletCelsius();

    asicWatts = new double[t.asics];
    engineWatts = new double[t.engines];
    moduleWatts = new double[t.modules];
    laserBiasMilliamps = new double[t.lasers];
    laserPowerMilliwatts = new double[t.lasers];
    laserTecPercent = new double[t.lasers];
    laserTecSaturated = new boolean[t.lasers];
    laserRamping = new boolean[t.lasers];
    laneTxMilliwatts = new double[t.lanes];
    laneRxMilliwatts = new double[t.lanes];
    laneBer = new double[t.lanes];
    laneUp = new boolean[t.lanes];
    laneExpected = new boolean[t.lanes];
    portLanesUp = new int[t.ports];
    laneFarRxMilliwatts = new double[t.lanes];
    laneLos = new boolean[t.lanes];
    farLos = new boolean[t.lanes];
    laneLockLost = new boolean[t.lanes];
    laneFecDegraded = new boolean[t.lanes];
    laneFault = new byte[t.lanes];
    portTrafficLanes = new int[t.ports];
    portDown = new boolean[t.ports];
    portLastChangeMillis = new long[t.ports];
    portPostFecBer = new double[t.ports];
    int bins = p.links().correctableSymbols() + 1;
    fecBins = new long[bins][t.ports];
    fecBinCarry = new double[bins][t.ports];
    loopInlet = filled(t.loops, p.cooling().inletCelsius());
    loopOutlet = filled(t.loops, p.cooling().inletCelsius());
    loopFlowLpm = filled(t.loops, p.cooling().flowLitresPerMinute());

    laserDegradation = new double[t.lasers];
    laserSpread = new double[t.lasers];
    double spread = p.lasers().initialDegradationSpreadPercent() / 100;
    for (int i = 0; i < t.lasers; i++) {
      laserSpread[i] = spread * Noise.uniform(seed, 1, i);
    }
    laserRampStartMillis = new long[t.lasers];
    laserReadyAtMillis = new long[t.lasers];
    Arrays.fill(laserRampStartMillis, Long.MIN_VALUE);
    Arrays.fill(laserReadyAtMillis, Long.MIN_VALUE);
    faultWear = new LaserWear(t.lasers);
    lanePathFactor = new double[t.lanes];
    for (int q = 0; q < t.lanes; q++) {
      double lossDb = p.links().pathLossDb() + p.links().pathLossSpreadDb() * (2 * Noise.uniform(seed, 2, q) - 1);
      lanePathFactor[q] = Math.pow(10, -lossDb / 10);
    }
    for (CounterKind k : CounterKind.values()) {
      int n = k.entityClass() == dev.cpo.hal.EntityClass.PORT ? t.ports : t.lanes;
      long[][] counters = k.entityClass() == dev.cpo.hal.EntityClass.PORT ? portCounters : laneCounters;
      double[][] carry = k.entityClass() == dev.cpo.hal.EntityClass.PORT ? portCounterCarry : laneCounterCarry;
      counters[k.ordinal()] = new long[n];
      carry[k.ordinal()] = new double[n];
    }
  }

  /** Starts laser {@code i}'s ramp at {@code startMillis}; its lanes may carry traffic {@code linkUpMillis} after. */
  void ramp(int i, long startMillis, long rampMillis, long linkUpMillis) {
    laserRampStartMillis[i] = startMillis;
    laserReadyAtMillis[i] = startMillis + rampMillis + linkUpMillis;
    readyAtMillis = Math.max(readyAtMillis, laserReadyAtMillis[i]);
  }

  /** Laser {@code i}'s age as degradation: natural aging plus the wear of its active faults (0 when new). */
  double degradation(int i) {
    return laserDegradation[i] + faultWear.of(i);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** An ASIC runs unless shut down by the agent or by its own thermal trip. */
  /** A present module whose lasers and TECs are off: shut down over its case limit, or by command. */
  boolean moduleOff(int m) {
    return moduleTripped[m] || moduleAdminShutdown[m];
  }

  boolean asicOn(int a) {
    return !asicAdminShutdown[a] && !asicTripped[a];
  }

  /** Adds {@code amount} (may be fractional) to a counter; the whole part counts, the rest carries. */
  static void count(long[] counters, double[] carry, int i, double amount) {
    double total = carry[i] + amount;
    long whole = (long) total;
    counters[i] += whole;
    carry[i] = total - whole;
  }
}
