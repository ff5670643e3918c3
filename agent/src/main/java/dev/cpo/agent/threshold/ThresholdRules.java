package dev.cpo.agent.threshold;

import dev.cpo.hal.Sensor;
import java.util.Map;

/**
 * The thresholds read from config/thresholds.yaml: defaults per sensor class and overrides per
 * sensor. Immutable.
 *
 * @param classes defaults by threshold class ({@code laser.bias})
 * @param overrides overrides by sensor id ({@code els3/laser5:bias})
 */
public record ThresholdRules(Map<String, ClassThresholds> classes, Map<String, ThresholdSet> overrides) {

  /** No hysteresis and no debounce for sensors whose class has no defaults. */
  static final ClassThresholds UNSET = new ClassThresholds(ThresholdSet.NONE, 0, 1);

  public ThresholdRules {
    classes = Map.copyOf(classes);
    overrides = Map.copyOf(overrides);
  }

  public ClassThresholds classOf(Sensor sensor) {
    return classes.getOrDefault(sensor.thresholdClass(), UNSET);
  }

  /** The override for the sensor, else its class's levels. */
  public ThresholdSet levelsOf(Sensor sensor) {
    ThresholdSet o = overrides.get(sensor.id());
    return o != null ? o : classOf(sensor).levels();
  }
}
