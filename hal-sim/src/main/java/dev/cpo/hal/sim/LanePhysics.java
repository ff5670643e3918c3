package dev.cpo.hal.sim;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.sim.profile.EngineSpec;
import dev.cpo.hal.sim.profile.LinkSpec;
import dev.cpo.hal.sim.profile.Profile;

/**
 * Light on the lanes and what it carries, both ways of every link. Each lane has a link partner (a
 * healthy transmitter and receiver like ours at the far end of the fibre): the local receiver gets the
 * partner's light through the path, and the partner receives ours. From that: loss of signal (with
 * hysteresis), BER and loss of lock, FEC degraded, FEC codeword counts and the symbol-error histogram,
 * the faults a lane reports ({@link LaneFault}), lanes up per port, the port's state under its degraded
 * mode, its link-down events and last change, and its traffic counters.
 */
final class LanePhysics {

  /** Received power wanders on this period (one seeded draw per lane per period). */
  private static final long WANDER_PERIOD_MILLIS = 10_000;

  private final Topology t;
  private final SimState s;
  private final FaultEffects fx;
  private final Profile p;
  private final LinkSpec ls;
  private final LinkModel link;
  private final double laneLossFactor;
  private final double farTxMilliwatts;
  private final double txLowMilliwatts;
  private final double losAssertMilliwatts;
  private final double losClearMilliwatts;
  private final double wanderDb;
  private final boolean pcs;
  private final long seedKey;
  final int[] asicLanesUp;
  final int[] engineLanesUp;
  private final double[] laneUncorrectableStep;
  /** Per lane, the last BER inputs and outputs: while nothing changes, nothing is recomputed. */
  private final double[] lastRx;
  private final double[] lastQScale;
  private final double[] lastBerFactor;
  private final double[] lastErrored;
  private final double[] lastBad;
  private final double[] lastSer;
  private final double[] lastPostBer;
  private final double[][] lastBins;
  private final double[][] portBinSum;
  private final double[] lastFarRx;
  private final double[] lastFarBer;
  private final double[] wanderFactor;
  private long wanderEpoch = Long.MIN_VALUE;

  LanePhysics(Topology t, SimState s, FaultEffects fx) {
    this.t = t;
    this.s = s;
    this.fx = fx;
    this.p = t.profile;
    this.ls = p.links();
    this.link = new LinkModel(ls);
    this.laneLossFactor = Math.pow(10, -ls.laserToLaneLossDb() / 10);
    // The partner's transmitter is a healthy one like ours at beginning of life.
    this.farTxMilliwatts = p.lasers().outputMilliwatts() * laneLossFactor;
    this.txLowMilliwatts = farTxMilliwatts * Math.pow(10, -p.moduleThresholds().txPowerLowAlarmDb() / 10);
    this.losAssertMilliwatts = Units.dbmToMilliwatts(ls.lossOfSignalDbm());
    this.losClearMilliwatts = Units.dbmToMilliwatts(ls.lossOfSignalClearDbm());
    this.wanderDb = ls.rxPowerWanderDb();
    this.pcs = p.ports().pcs();
    this.seedKey = Noise.mix(s.seed ^ 0x11E5L);
    asicLanesUp = new int[t.asics];
    engineLanesUp = new int[t.engines];
    laneUncorrectableStep = new double[t.lanes];
    lastRx = new double[t.lanes];
    java.util.Arrays.fill(lastRx, -1);
    lastQScale = new double[t.lanes];
    lastBerFactor = new double[t.lanes];
    lastErrored = new double[t.lanes];
    lastBad = new double[t.lanes];
    lastSer = new double[t.lanes];
    lastPostBer = new double[t.lanes];
    lastBins = new double[t.lanes][link.correctableSymbols() + 1];
    portBinSum = new double[t.ports][link.correctableSymbols() + 1];
    lastFarRx = new double[t.lanes];
    java.util.Arrays.fill(lastFarRx, -1);
    lastFarBer = new double[t.lanes];
    wanderFactor = new double[t.lanes];
    java.util.Arrays.fill(wanderFactor, 1);
  }

  /** Symbol-error histogram bins per port: codewords with 0..correctable symbol errors. */
  int histogramBins() {
    return link.correctableSymbols() + 1;
  }

  void lanes(double h, boolean countAndAge, long stepMillis) {
    EngineSpec es = p.opticalEngines();
    java.util.Arrays.fill(s.portLanesUp, 0);
    java.util.Arrays.fill(asicLanesUp, 0);
    java.util.Arrays.fill(engineLanesUp, 0);
    wander(stepMillis);
    double cwPerSecond = link.codewordsPerSecond();
    long[] corrected = s.laneCounters[CounterKind.FEC_CORRECTED_CODEWORDS.ordinal()];
    double[] correctedCarry = s.laneCounterCarry[CounterKind.FEC_CORRECTED_CODEWORDS.ordinal()];
    long[] uncorrectable = s.laneCounters[CounterKind.FEC_UNCORRECTABLE_CODEWORDS.ordinal()];
    boolean counting = countAndAge && h > 0;
    if (counting) {
      for (double[] sum : portBinSum) {
        java.util.Arrays.fill(sum, 0);
      }
    }
    for (int q = 0; q < t.lanes; q++) {
      int a = t.laneAsic[q];
      int e = t.laneEngine[q];
      int port = t.lanePort[q];
      boolean driven = s.asicOn(a) && s.portAdminUp[port];
      s.laneExpected[q] = driven;
      double path = s.lanePathFactor[q] * fx.lanePathFactor[q] * wanderFactor[q];
      double tx = driven ? s.laserPowerMilliwatts[t.laneLaser[q]] * laneLossFactor : 0;
      double farTx = fx.farEndTxFailed[q] ? 0 : farTxMilliwatts;
      double rx = fx.laneRxCut[q] ? 0 : farTx * path;
      double farRx = fx.laneTxCut[q] ? 0 : tx * path;
      s.laneTxMilliwatts[q] = tx;
      s.laneRxMilliwatts[q] = rx;
      s.laneFarRxMilliwatts[q] = farRx;
      laneUncorrectableStep[q] = 0;

      s.laneLos[q] = s.laneLos[q] ? rx <= losClearMilliwatts : rx < losAssertMilliwatts;
      s.farLos[q] = s.farLos[q] ? farRx <= losClearMilliwatts : farRx < losAssertMilliwatts;
      boolean farDown = s.farLos[q] || farBer(q, farRx) > ls.lossOfLockBer();
      int fault = 0;
      boolean initialising = driven && stepMillis < s.laserReadyAtMillis[t.laneLaser[q]];
      if (initialising) {
        // Its laser initialises or ramps, then the link trains: no fault, it comes up on its own.
        fault = LaneFault.INITIALISING;
      } else if (driven && tx < txLowMilliwatts) {
        fault |= LaneFault.TX_FAULT;
      }
      if (!driven || s.laneLos[q]) {
        // Not driven (port admin down, ASIC off): no receiver is listening, nothing to report.
        s.laneBer[q] = 0.5;
        s.laneLockLost[q] = false;
        s.laneFecDegraded[q] = false;
        lastRx[q] = -1;
        s.laneFault[q] = (byte) (driven ? fault | LaneFault.LOS : 0);
        s.laneUp[q] = false;
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
        lastSer[q] = link.symbolErrorProbability(ber);
        lastPostBer[q] = link.postFecBer(ber, lastBad[q]);
        link.symbolErrorDistribution(ber, lastBins[q]);
        lastRx[q] = rx;
        lastQScale[q] = qScale;
        lastBerFactor[q] = factor;
      }
      double ber = s.laneBer[q];
      s.laneLockLost[q] = s.laneLockLost[q] ? ber >= ls.lockRegainBer() : ber > ls.lossOfLockBer();
      s.laneFecDegraded[q] = s.laneFecDegraded[q] ? lastSer[q] >= ls.fecDegradedClearSer() : lastSer[q] >= ls.fecDegradedSer();
      if (s.laneLockLost[q]) {
        fault |= LaneFault.LOSS_OF_LOCK;
      } else if (farDown && !initialising) {
        // The far end hears nothing it can lock to and signals a remote fault back over our receive side.
        fault |= LaneFault.REMOTE_FAULT;
      }
      boolean up = driven && !s.laneLockLost[q] && !farDown && !initialising;
      s.laneFault[q] = (byte) fault;
      s.laneUp[q] = up;
      if (up) {
        s.portLanesUp[port]++;
        asicLanesUp[a]++;
        engineLanesUp[e]++;
      }
      if (counting && driven && !s.laneLockLost[q]) {
        double codewords = cwPerSecond * h;
        SimState.count(corrected, correctedCarry, q, codewords * (lastErrored[q] - lastBad[q]));
        // Uncorrectable codewords are rare events near the FEC limit: drawn, not averaged.
        long bad = Noise.poisson(s.seed, 0x0FEC_0000_0000L + q, stepMillis, codewords * lastBad[q]);
        uncorrectable[q] += bad;
        laneUncorrectableStep[q] = bad;
        double[] bins = lastBins[q];
        double[] sum = portBinSum[port];
        for (int k = 0; k < bins.length; k++) {
          sum[k] += codewords * bins[k];
        }
      }
    }
    if (counting) {
      countHistogram();
    }
  }

  /** Adds the step's histogram counts of each port (summed over its lanes in {@link #lanes}). */
  private void countHistogram() {
    for (int port = 0; port < t.ports; port++) {
      double[] sum = portBinSum[port];
      for (int k = 0; k < sum.length; k++) {
        if (sum[k] > 0) {
          SimState.count(s.fecBins[k], s.fecBinCarry[k], port, sum[k]);
        }
      }
    }
  }

  /** The partner's receiver is like ours, without our engine's ring-tuning penalty. */
  private double farBer(int q, double farRx) {
    if (farRx <= 0) {
      return 0.5;
    }
    if (farRx != lastFarRx[q]) {
      lastFarRx[q] = farRx;
      lastFarBer[q] = link.ber(farRx, 1);
    }
    return lastFarBer[q];
  }

  /** A new seeded wander factor per lane when the period turns. */
  private void wander(long stepMillis) {
    if (wanderDb <= 0) {
      return;
    }
    long epoch = Math.floorDiv(stepMillis, WANDER_PERIOD_MILLIS);
    if (epoch == wanderEpoch) {
      return;
    }
    wanderEpoch = epoch;
    for (int q = 0; q < t.lanes; q++) {
      wanderFactor[q] = Math.pow(10, wanderDb * Noise.triangular(seedKey, q, epoch) / 10);
    }
  }

  /** Port state from its lanes, its link-down events and last change, and its traffic counters. */
  void ports(double h, boolean countAndAge, long stepMillis) {
    int perPort = t.lanesPerPort;
    for (int port = 0; port < t.ports; port++) {
      double sum = 0;
      int receiving = 0;
      for (int k = 0; k < perPort; k++) {
        int q = port * perPort + k;
        if (s.laneExpected[q] && !s.laneLos[q] && !s.laneLockLost[q]) {
          sum += lastPostBer[q];
          receiving++;
        }
      }
      s.portPostFecBer[port] = receiving == 0 ? Double.NaN : sum / receiving;
    }
    long[] downEvents = s.portCounters[CounterKind.LINK_DOWN_EVENTS.ordinal()];
    for (int port = 0; port < t.ports; port++) {
      int up = s.portLanesUp[port];
      int carrying = pcs && up < perPort ? 0 : up;
      s.portTrafficLanes[port] = carrying;
      boolean down = carrying == 0;
      if (down != s.portDown[port]) {
        s.portDown[port] = down;
        if (s.portsPrimed) {
          s.portLastChangeMillis[port] = stepMillis;
          if (down) {
            downEvents[port]++;
          }
        }
      }
    }
    s.portsPrimed = true;
    if (!countAndAge || h <= 0) {
      return;
    }
    double laneBytesPerSecond = p.ports().laneRateGbps() * 1e9 / 8;
    double meanPacket = p.ports().meanPacketBytes();
    for (int port = 0; port < t.ports; port++) {
      double bytes = s.portTrafficLanes[port] * laneBytesPerSecond * s.load * h;
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
      for (int k = 0; k < perPort; k++) {
        errors += laneUncorrectableStep[port * perPort + k];
      }
      // Each uncorrectable codeword corrupts (at most) one frame.
      add(CounterKind.RX_ERRORS, port, Math.min(errors, packets));
    }
  }

  private void add(CounterKind kind, int port, double amount) {
    SimState.count(s.portCounters[kind.ordinal()], s.portCounterCarry[kind.ordinal()], port, amount);
  }
}
