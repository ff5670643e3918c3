package dev.cpo.agent.threshold;

import dev.cpo.agent.alarm.ThresholdLevel;
/**
 * Four threshold levels for one sensor, in the sensor's unit. {@code NaN} means the level is not set.
 * Valid sets satisfy low alarm <= low warning <= high warning <= high alarm among the levels that are set.
 */
public record ThresholdSet(double lowAlarm, double lowWarning, double highWarning, double highAlarm) {

  public static final ThresholdSet NONE = new ThresholdSet(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public ThresholdSet {
    double[] v = {lowAlarm, lowWarning, highWarning, highAlarm};
    String[] names = {"lowAlarm", "lowWarning", "highWarning", "highAlarm"};
    for (int i = 0; i < 4; i++) {
      if (Double.isInfinite(v[i])) {
        throw new IllegalArgumentException(names[i] + " must be finite or unset, was " + v[i]);
      }
      for (int j = i + 1; j < 4; j++) {
        if (!Double.isNaN(v[i]) && !Double.isNaN(v[j]) && v[i] > v[j]) {
          throw new IllegalArgumentException(
              names[i] + " (" + v[i] + ") must be <= " + names[j] + " (" + v[j] + ")");
        }
      }
    }
  }

  public double get(ThresholdLevel level) {
    return switch (level) {
      case LOW_ALARM -> lowAlarm;
      case LOW_WARNING -> lowWarning;
      case HIGH_WARNING -> highWarning;
      case HIGH_ALARM -> highAlarm;
    };
  }

  /** A copy with one level changed; throws {@link IllegalArgumentException} if the result is out of order. */
  public ThresholdSet with(ThresholdLevel level, double value) {
    return new ThresholdSet(
        level == ThresholdLevel.LOW_ALARM ? value : lowAlarm,
        level == ThresholdLevel.LOW_WARNING ? value : lowWarning,
        level == ThresholdLevel.HIGH_WARNING ? value : highWarning,
        level == ThresholdLevel.HIGH_ALARM ? value : highAlarm);
  }
}
