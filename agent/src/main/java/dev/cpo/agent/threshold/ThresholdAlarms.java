package dev.cpo.agent.threshold;

import dev.cpo.agent.alarm.AlarmCandidate;
import dev.cpo.agent.alarm.AlarmCondition;
import dev.cpo.agent.alarm.AlarmConditions;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alarm candidates from crossed thresholds, named {@code <thresholdClass>-<level>} (e.g.
 * {@code laser.bias-highWarning}). Kept incrementally: only sensors whose ranks changed are recomputed.
 * A high alarm keeps its warning active beside it, as CMIS keeps both flags.
 */
public final class ThresholdAlarms {

  private final Inventory inventory;
  private final ThresholdEvaluator evaluator;
  private final Map<Integer, List<AlarmCandidate>> bySensor = new HashMap<>();

  public ThresholdAlarms(Inventory inventory, ThresholdEvaluator evaluator) {
    this.inventory = inventory;
    this.evaluator = evaluator;
  }

  /** Recomputes one sensor's candidates after its ranks changed. */
  public void update(int sensor, HalSnapshot snap, ThresholdStore.Resolved thresholds) {
    int high = evaluator.highRank(sensor);
    int low = evaluator.lowRank(sensor);
    if (high == 0 && low == 0) {
      bySensor.remove(sensor);
      return;
    }
    Sensor s = inventory.sensors().get(sensor);
    ThresholdSet t = thresholds.levels()[sensor];
    double v = snap.value(sensor);
    List<AlarmCandidate> out = new ArrayList<>(2);
    if (high >= 1 && !Double.isNaN(t.highWarning())) {
      out.add(candidate(s, ThresholdLevel.HIGH_WARNING, v, t.highWarning()));
    }
    if (high == 2) {
      out.add(candidate(s, ThresholdLevel.HIGH_ALARM, v, t.highAlarm()));
    }
    if (low >= 1 && !Double.isNaN(t.lowWarning())) {
      out.add(candidate(s, ThresholdLevel.LOW_WARNING, v, t.lowWarning()));
    }
    if (low == 2) {
      out.add(candidate(s, ThresholdLevel.LOW_ALARM, v, t.lowAlarm()));
    }
    bySensor.put(sensor, out);
  }

  /** Adds every current threshold candidate. */
  public void collect(Map<String, AlarmCandidate> out) {
    for (List<AlarmCandidate> list : bySensor.values()) {
      for (AlarmCandidate c : list) {
        out.put(c.id(), c);
      }
    }
  }

  /** Forgets every crossing (after a threshold change the evaluator starts afresh). */
  public void reset() {
    bySensor.clear();
  }

  private static AlarmCandidate candidate(Sensor s, ThresholdLevel level, double value, double threshold) {
    AlarmCondition condition = AlarmConditions.threshold(s, level);
    String text = String.format(java.util.Locale.ROOT, "%s %.4g%s %s %s %.4g", s.id(), value, s.unit().symbol().isEmpty() ? "" : " " + s.unit().symbol(), level.high() ? "above" : "below", level.key(), threshold);
    return new AlarmCandidate(condition, s.entity(), null, text, value, threshold, List.of());
  }
}
