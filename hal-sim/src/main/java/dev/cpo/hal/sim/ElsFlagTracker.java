package dev.cpo.hal.sim;

import dev.cpo.hal.ElsFlag;
import dev.cpo.hal.LaserFlags;
import java.util.Arrays;

/**
 * Each laser's {@link ElsFlag}s with a change count and the last set and clear times, the shape
 * SONiC's xcvrd keeps per flag ({@code sonic-xcvrd/xcvrd/dom/utilities/db/utils.py},
 * {@code _update_flag_metadata}: every change of the flag's value counts one, a change to set stamps the
 * last set time, a change to clear the last clear time; a first read starts at 0 and "never"). Updated
 * at every physics step on the simulator clock, so a flag that sets and clears between two polls still
 * counts. Only the simulator's lock holder touches it.
 */
final class ElsFlagTracker {

  private static final int F = ElsFlag.count();

  private final int lasers;
  private final int[] active;
  private final long[] changes;
  private final long[] lastSet;
  private final long[] lastClear;
  private LaserFlags published;

  ElsFlagTracker(int lasers) {
    this.lasers = lasers;
    active = new int[lasers];
    changes = new long[lasers * F];
    lastSet = new long[lasers * F];
    lastClear = new long[lasers * F];
    Arrays.fill(lastSet, LaserFlags.NEVER);
    Arrays.fill(lastClear, LaserFlags.NEVER);
  }

  /** Takes a laser's flags as found, without counting (the first read). */
  void prime(int laser, int bits) {
    if (active[laser] != bits) {
      active[laser] = bits;
      published = null;
    }
  }

  /** The laser's flags now: each flag that changed counts one and stamps its set or clear time. */
  void update(int laser, int bits, long timeMillis) {
    int changed = active[laser] ^ bits;
    if (changed == 0) {
      return;
    }
    for (int f = 0; f < F; f++) {
      int bit = 1 << f;
      if ((changed & bit) != 0) {
        int k = laser * F + f;
        changes[k]++;
        if ((bits & bit) != 0) {
          lastSet[k] = timeMillis;
        } else {
          lastClear[k] = timeMillis;
        }
      }
    }
    active[laser] = bits;
    published = null;
  }

  /** A new module in the bay: its lasers' flag history starts again, as SONiC's does for a new module. */
  void forget(int firstLaser, int count) {
    for (int i = firstLaser; i < firstLaser + count; i++) {
      active[i] = 0;
      Arrays.fill(changes, i * F, (i + 1) * F, 0);
      Arrays.fill(lastSet, i * F, (i + 1) * F, LaserFlags.NEVER);
      Arrays.fill(lastClear, i * F, (i + 1) * F, LaserFlags.NEVER);
    }
    published = null;
  }

  /** An immutable copy, shared by every snapshot until a flag changes. */
  LaserFlags snapshot() {
    if (published == null) {
      published = new LaserFlags(lasers, active.clone(), changes.clone(), lastSet.clone(), lastClear.clone());
    }
    return published;
  }
}
