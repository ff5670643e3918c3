package dev.cpo.agent.gnmi;

import dev.cpo.hal.HalSnapshot;
import java.util.Arrays;

/**
 * The avg/min/max of each sensor over the last {@link #INTERVAL_MILLIS} of snapshots, as OpenConfig's
 * avg-min-max-instant-stats groupings want them: two tumbling half-interval buckets, reported together,
 * so a value always covers between one half and one whole interval. Fed one snapshot per poll cycle
 * by the server's sampler; read by any thread (a torn read gives a value from one bucket or the other,
 * never a wrong number).
 */
final class SensorStats {

  /** The statistics interval, 30 s (OpenConfig's stat-interval leaf reports it in nanoseconds). */
  static final long INTERVAL_MILLIS = 30_000;
  private static final long BUCKET_MILLIS = INTERVAL_MILLIS / 2;

  private final double[][] min = new double[2][];
  private final double[][] max = new double[2][];
  private final double[][] sum = new double[2][];
  private final int[][] count = new int[2][];
  private volatile int current;
  private long bucketStart = Long.MIN_VALUE;
  private long lastSequence = -1;

  SensorStats(int sensors) {
    for (int b = 0; b < 2; b++) {
      min[b] = new double[sensors];
      max[b] = new double[sensors];
      sum[b] = new double[sensors];
      count[b] = new int[sensors];
      reset(b);
    }
  }

  private void reset(int b) {
    Arrays.fill(min[b], Double.POSITIVE_INFINITY);
    Arrays.fill(max[b], Double.NEGATIVE_INFINITY);
    Arrays.fill(sum[b], 0);
    Arrays.fill(count[b], 0);
  }

  /** Adds a snapshot's available readings, once per snapshot sequence. */
  synchronized void add(HalSnapshot snap) {
    if (snap.sequence() == lastSequence || snap.sensorCount() != count[0].length) {
      return;
    }
    lastSequence = snap.sequence();
    long t = snap.timeMillis();
    if (bucketStart == Long.MIN_VALUE) {
      bucketStart = t;
    } else if (t - bucketStart >= BUCKET_MILLIS) {
      int next = 1 - current;
      reset(next);
      current = next;
      bucketStart = t;
    }
    int b = current;
    for (int i = 0; i < snap.sensorCount(); i++) {
      if (snap.available(i)) {
        double v = snap.value(i);
        if (v < min[b][i]) {
          min[b][i] = v;
        }
        if (v > max[b][i]) {
          max[b][i] = v;
        }
        sum[b][i] += v;
        count[b][i]++;
      }
    }
  }

  /** Minimum over the interval, or NaN when no reading was available. */
  double min(int sensor) {
    double m = Math.min(min[0][sensor], min[1][sensor]);
    return m == Double.POSITIVE_INFINITY ? Double.NaN : m;
  }

  double max(int sensor) {
    double m = Math.max(max[0][sensor], max[1][sensor]);
    return m == Double.NEGATIVE_INFINITY ? Double.NaN : m;
  }

  double avg(int sensor) {
    int n = count[0][sensor] + count[1][sensor];
    return n == 0 ? Double.NaN : (sum[0][sensor] + sum[1][sensor]) / n;
  }
}
