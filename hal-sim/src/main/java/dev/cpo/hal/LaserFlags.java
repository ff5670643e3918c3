package dev.cpo.hal;

import java.util.Arrays;

/**
 * Per laser and {@link ElsFlag}: whether the flag is set, how many times it changed (each set and each
 * clear counts one) and the HAL clock time it was last set and last cleared. Immutable; lasers are
 * numbered 0.. in inventory order ({@code Inventory.entitiesOf(EntityClass.LASER)}).
 *
 * <p>The HAL tracks the flag at the hardware's own rate, so a flag that sets and clears between two
 * agent polls still shows in the count and the times: that is what latching it is for.
 */
public final class LaserFlags {

  /** The time of a set or clear that never happened. */
  public static final long NEVER = Long.MIN_VALUE;

  /** A HAL that does not track per-laser flags. */
  public static final LaserFlags NONE = new LaserFlags(0, new int[0], new long[0], new long[0], new long[0]);

  private static final int F = ElsFlag.count();

  private final int lasers;
  private final int[] active;
  private final long[] changes;
  private final long[] lastSet;
  private final long[] lastClear;

  /**
   * @param lasers number of lasers
   * @param active per laser, the {@link ElsFlag#bit()}s set now
   * @param changes per {@code laser x ElsFlag.count() + flag.ordinal()}, the changes
   * @param lastSet same index, the last set time or {@link #NEVER}
   * @param lastClear same index, the last clear time or {@link #NEVER}
   */
  public LaserFlags(int lasers, int[] active, long[] changes, long[] lastSet, long[] lastClear) {
    if (active.length != lasers || changes.length != lasers * F || lastSet.length != lasers * F
        || lastClear.length != lasers * F) {
      throw new IllegalArgumentException("flag arrays must cover " + lasers + " lasers x " + F + " flags");
    }
    this.lasers = lasers;
    this.active = active;
    this.changes = changes;
    this.lastSet = lastSet;
    this.lastClear = lastClear;
  }

  /** Lasers covered (0 when the HAL does not track flags). */
  public int lasers() {
    return lasers;
  }

  public boolean active(int laser, ElsFlag flag) {
    return laser < lasers && (active[laser] & flag.bit()) != 0;
  }

  /** The set flags of one laser as {@link ElsFlag#bit()}s. */
  public int activeBits(int laser) {
    return laser < lasers ? active[laser] : 0;
  }

  public long changeCount(int laser, ElsFlag flag) {
    return laser < lasers ? changes[laser * F + flag.ordinal()] : 0;
  }

  /** HAL clock time the flag was last set, or {@link #NEVER}. */
  public long lastSetMillis(int laser, ElsFlag flag) {
    return laser < lasers ? lastSet[laser * F + flag.ordinal()] : NEVER;
  }

  /** HAL clock time the flag was last cleared, or {@link #NEVER}. */
  public long lastClearMillis(int laser, ElsFlag flag) {
    return laser < lasers ? lastClear[laser * F + flag.ordinal()] : NEVER;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaserFlags other && lasers == other.lasers && Arrays.equals(active, other.active)
        && Arrays.equals(changes, other.changes) && Arrays.equals(lastSet, other.lastSet)
        && Arrays.equals(lastClear, other.lastClear);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(changes) + Arrays.hashCode(active);
  }
}
