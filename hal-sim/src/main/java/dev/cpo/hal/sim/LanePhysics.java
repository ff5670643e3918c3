package dev.cpo.hal.sim;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.sim.profile.EngineSpec;
import dev.cpo.hal.sim.profile.Profile;

/**
 * Light on the lanes and what it carries: laser power through the engine and the fibre to the
 * receiver, BER from received power (and the engine's ring tuning), FEC codeword counts, loss of
 * signal, lanes up per port, and the ports' traffic counters.
 */
final class LanePhysics {

  private final Topology t;
  private final SimState s;
  private final FaultEffects fx;
  private final Profile p;
  private final LinkModel link;
  private final double laneLossFactor;
  private final double losMilliwatts;
  final int[] asicLanesUp;
  final int[] engineLanesUp;
  private final double[] laneUncorrectableStep;
  /** Per lane, the last BER inputs and outputs: in steady state nothing changes, so nothing is recomputed. */
  private final double[] lastRx;
  private final double[] lastQScale;
  private final double[] lastBerFactor;
  private final double[] lastErrored;
  private final double[] lastBad;

  LanePhysics(Topology t, SimState s, FaultEffects fx) {
    this.t = t;
    this.s = s;
    this.fx = fx;
    this.p = t.profile;
    this.link = new LinkModel(p.links());
    this.laneLossFactor = Math.pow(10, -p.links().laserToLaneLossDb() / 10);
    this.losMilliwatts = Units.dbmToMilliwatts(p.links().lossOfSignalDbm());
    asicLanesUp = new int[t.asics];
    engineLanesUp = new int[t.engines];
    laneUncorrectableStep = new double[t.lanes];
    lastRx = new double[t.lanes];
    java.util.Arrays.fill(lastRx, -1);
    lastQScale = new double[t.lanes];
    lastBerFactor = new double[t.lanes];
    lastErrored = new double[t.lanes];
    lastBad = new double[t.lanes];
  }

  void lanes(double h, boolean countAndAge) {
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
      boolean driven = s.asicOn(a) && s.portAdminUp[port];
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

  void ports(double h, boolean countAndAge) {
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
}
