package dev.cpo.hal.sim;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wear each active {@code laser-degradation} fault has done, kept apart from natural aging so that
 * clearing the fault takes back exactly its own wear: the laser returns to the bias and age it would
 * have had without that fault (natural aging during the fault included), and other faults' wear stays.
 *
 * <p>Wear is the same unit as {@link SimState#laserDegradation}: the fractional bias increase at the
 * setpoint over beginning of life. Only the simulator's lock holder touches it.
 */
final class LaserWear {

  /** Per laser, the sum of the wear of its active faults. */
  private final double[] perLaser;
  /** Fault id -> its laser and wear; insertion-ordered so sums are computed in a fixed order. */
  private final Map<String, Entry> byFault = new LinkedHashMap<>();

  LaserWear(int lasers) {
    perLaser = new double[lasers];
  }

  /** The fault wear on laser {@code i}, to add to its natural degradation. */
  double of(int i) {
    return perLaser[i];
  }

  /** Adds {@code fraction} of wear done by fault {@code faultId} to laser {@code i}. */
  void add(String faultId, int i, double fraction) {
    byFault.computeIfAbsent(faultId, id -> new Entry(i)).fraction += fraction;
    perLaser[i] += fraction;
  }

  /** Takes back the wear of a cleared fault; a fault that did no wear is a no-op. */
  void remove(String faultId) {
    Entry gone = byFault.remove(faultId);
    if (gone != null) {
      recompute(gone.laser);
    }
  }

  /** Forgets the wear on lasers {@code from} (inclusive) to {@code to} (exclusive): a new module. */
  void resetLasers(int from, int to) {
    for (Iterator<Entry> it = byFault.values().iterator(); it.hasNext(); ) {
      int laser = it.next().laser;
      if (laser >= from && laser < to) {
        it.remove();
      }
    }
    for (int i = from; i < to; i++) {
      perLaser[i] = 0;
    }
  }

  /** Sums what is left rather than subtracting, so the last clear returns the laser to exactly 0. */
  private void recompute(int laser) {
    double sum = 0;
    for (Entry e : byFault.values()) {
      if (e.laser == laser) {
        sum += e.fraction;
      }
    }
    perLaser[laser] = sum;
  }

  private static final class Entry {
    final int laser;
    double fraction;

    Entry(int laser) {
      this.laser = laser;
    }
  }
}
