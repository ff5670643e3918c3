package dev.cpo.agent.console;

import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recent values of every sensor, for the console's trend charts: one sample per sensor each
 * {@code resolution} of simulated time, the last {@code window} kept in a ring. Fed from the agent's
 * poll snapshots, so it never reads the HAL. All sensors share one ring of time stamps, and a value
 * is a {@code float} (a sensor's quantisation is far coarser), so the cost is {@code 4 x sensors x
 * window / resolution} bytes plus 8 per slot: 1.9 MB for the default switch's 2,647 sensors at the
 * default 5 s over 15 minutes.
 */
public final class SensorHistory {

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
  public static final Duration DEFAULT_RESOLUTION = Duration.ofSeconds(5);

  private final long resolutionMillis;
  private final long windowMillis;
  private final int capacity;
  private Inventory inventory;
  private long[] times;
  private float[] values;
  private int next;
  private int size;

  /**
   * @param window how much simulated time is kept
   * @param resolution the simulated time between two samples; a snapshot sooner than that after the last
   *     sample is skipped
   */
  public SensorHistory(Duration window, Duration resolution) {
    if (resolution.toMillis() <= 0 || window.compareTo(resolution) < 0) {
      throw new IllegalArgumentException("history resolution must be positive and at most the window, was "
          + resolution + " over " + window);
    }
    this.resolutionMillis = resolution.toMillis();
    this.windowMillis = window.toMillis();
    this.capacity = (int) (windowMillis / resolutionMillis);
  }

  public static SensorHistory defaults() {
    return new SensorHistory(DEFAULT_WINDOW, DEFAULT_RESOLUTION);
  }

  /**
   * Takes a sample of every sensor from {@code snap} when at least one resolution of simulated time has
   * passed since the last one. A changed inventory (a profile reload) or a clock that went back starts
   * the history afresh.
   *
   * @return whether a sample was taken
   */
  public synchronized boolean record(HalSnapshot snap) {
    if (snap.inventory() != inventory) {
      inventory = snap.inventory();
      times = new long[capacity];
      values = new float[capacity * inventory.sensors().size()];
      next = 0;
      size = 0;
    }
    long t = snap.timeMillis();
    if (size > 0) {
      long last = times[(next - 1 + capacity) % capacity];
      if (t < last) {
        size = 0;
      } else if (t - last < resolutionMillis) {
        return false;
      }
    }
    times[next] = t;
    int n = snap.sensorCount();
    for (int s = 0; s < n; s++) {
      values[s * capacity + next] = snap.available(s) ? (float) snap.value(s) : Float.NaN;
    }
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
    return true;
  }

  /** The samples of {@code sensors} no older than the window before the newest sample, oldest first. */
  public synchronized Series series(List<Sensor> sensors) {
    if (size == 0) {
      return new Series(new long[0], List.of());
    }
    long newest = times[(next - 1 + capacity) % capacity];
    int first = (next - size + capacity) % capacity;
    int skip = 0;
    while (skip < size && times[(first + skip) % capacity] < newest - windowMillis) {
      skip++;
    }
    int count = size - skip;
    long[] t = new long[count];
    for (int i = 0; i < count; i++) {
      t[i] = times[(first + skip + i) % capacity];
    }
    List<float[]> out = new ArrayList<>(sensors.size());
    for (Sensor sensor : sensors) {
      float[] v = new float[count];
      if (sensor.index() < inventory.sensors().size()) {
        int base = sensor.index() * capacity;
        for (int i = 0; i < count; i++) {
          v[i] = values[base + (first + skip + i) % capacity];
        }
      } else {
        Arrays.fill(v, Float.NaN);
      }
      out.add(v);
    }
    return new Series(t, out);
  }

  public long resolutionMillis() {
    return resolutionMillis;
  }

  public long windowMillis() {
    return windowMillis;
  }

  /** Bytes held by the ring for {@code sensorCount} sensors (the arrays; object headers aside). */
  public long bytesFor(int sensorCount) {
    return (long) capacity * (Long.BYTES + (long) Float.BYTES * sensorCount);
  }

  /**
   * Samples, oldest first.
   *
   * @param timesMillis simulated time of each sample
   * @param values per requested sensor, one value per sample (NaN where the reading was unavailable)
   */
  public record Series(long[] timesMillis, List<float[]> values) {}
}
