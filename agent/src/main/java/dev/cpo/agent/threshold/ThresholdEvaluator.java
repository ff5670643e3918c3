package dev.cpo.agent.threshold;

import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Tracks, per sensor, which threshold levels are crossed, with hysteresis (a level clears only once
 * the reading is back inside it by the class's hysteresis) and debounce (a change must be seen in
 * that many consecutive readings). Unavailable readings change nothing, so a storm of read errors
 * neither raises nor clears anything. Not thread-safe: the poll cycle owns it (one cycle at a time).
 *
 * <p>State per sensor is a rank per side: 0 none, 1 warning, 2 alarm.
 */
public final class ThresholdEvaluator {

  private final int[] sensorEntity;
  private final boolean[] slow;
  private final byte[] high;
  private final byte[] low;
  private final byte[] pending;
  private final short[] pendingCount;

  public ThresholdEvaluator(Inventory inventory) {
    List<Sensor> sensors = inventory.sensors();
    int n = sensors.size();
    sensorEntity = new int[n];
    slow = new boolean[n];
    for (Sensor s : sensors) {
      sensorEntity[s.index()] = inventory.require(s.entity()).index();
      slow[s.index()] = s.slowClass();
    }
    high = new byte[n];
    low = new byte[n];
    pending = new byte[n];
    pendingCount = new short[n];
  }

  /** 0 none, 1 high warning, 2 high alarm. */
  public int highRank(int sensor) {
    return high[sensor];
  }

  /** 0 none, 1 low warning, 2 low alarm. */
  public int lowRank(int sensor) {
    return low[sensor];
  }

  /**
   * Evaluates one snapshot.
   *
   * @param includeSlow whether slow-class sensors are due this cycle
   * @param changed called with the index of every sensor whose ranks changed
   */
  public void evaluate(HalSnapshot snap, ThresholdStore.Resolved thresholds, boolean includeSlow, IntConsumer changed) {
    ThresholdSet[] levels = thresholds.levels();
    double[] hysteresis = thresholds.hysteresis();
    int[] debounce = thresholds.debounceSamples();
    for (int i = 0; i < high.length; i++) {
      if (slow[i] && !includeSlow) {
        continue;
      }
      if (snap.entityStatus(sensorEntity[i]).state() == OperState.ABSENT) {
        // What is not there has no readings to be out of range; its root cause (removal) says it all.
        if (high[i] != 0 || low[i] != 0) {
          high[i] = 0;
          low[i] = 0;
          pendingCount[i] = 0;
          changed.accept(i);
        }
        continue;
      }
      if (!snap.available(i)) {
        continue;
      }
      double v = snap.value(i);
      if (Double.isNaN(v)) {
        continue;
      }
      ThresholdSet t = levels[i];
      double h = hysteresis[i];
      int cur = high[i] * 3 + low[i];
      int target = highTarget(v, t, h, high[i]) * 3 + lowTarget(v, t, h, low[i]);
      if (target == cur) {
        pendingCount[i] = 0;
        continue;
      }
      if (pending[i] == target && pendingCount[i] > 0) {
        pendingCount[i]++;
      } else {
        pending[i] = (byte) target;
        pendingCount[i] = 1;
      }
      if (pendingCount[i] >= debounce[i]) {
        high[i] = (byte) (target / 3);
        low[i] = (byte) (target % 3);
        pendingCount[i] = 0;
        changed.accept(i);
      }
    }
  }

  static int highTarget(double v, ThresholdSet t, double h, int current) {
    int raw = v >= t.highAlarm() ? 2 : v >= t.highWarning() ? 1 : 0;
    if (raw >= current) {
      return raw;
    }
    // Comparisons with an unset (NaN) level are false, so an unset level is never held.
    int held = v > t.highAlarm() - h ? 2 : v > t.highWarning() - h ? 1 : 0;
    return Math.max(raw, Math.min(current, held));
  }

  static int lowTarget(double v, ThresholdSet t, double h, int current) {
    int raw = v <= t.lowAlarm() ? 2 : v <= t.lowWarning() ? 1 : 0;
    if (raw >= current) {
      return raw;
    }
    int held = v < t.lowAlarm() + h ? 2 : v < t.lowWarning() + h ? 1 : 0;
    return Math.max(raw, Math.min(current, held));
  }
}
