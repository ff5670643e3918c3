package dev.cpo.agent.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of latency samples in nanoseconds, reported in milliseconds. */
public final class Percentiles {

  private final long[] sortedNanos;

  /**
   * @param nanos the samples (copied, not changed)
   * @throws IllegalArgumentException when there are none
   */
  public Percentiles(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    sortedNanos = nanos.clone();
    Arrays.sort(sortedNanos);
  }

  /**
   * The nearest-rank percentile: the smallest sample with at least {@code p} of all samples at or
   * below it. Of 100 samples, p99 is the 99th smallest, not the maximum; of 10, p99 is the maximum.
   *
   * @param p the fraction, in (0, 1]
   */
  public long nanos(double p) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("percentile must be in (0, 1], was " + p);
    }
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(rank, 1) - 1];
  }

  /** {@link #nanos(double)} in milliseconds. */
  public double millis(double p) {
    return nanos(p) / 1e6;
  }

  /** The largest sample in milliseconds. */
  public double maxMillis() {
    return sortedNanos[sortedNanos.length - 1] / 1e6;
  }

  public int count() {
    return sortedNanos.length;
  }
}
