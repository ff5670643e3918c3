package dev.cpo.agent.alarm;

import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.util.Objects;

/**
 * A class of sensors that share threshold defaults: one sensor kind on one entity class, named
 * {@code <entity class>.<sensor kind>} as {@link Sensor#thresholdClass()} names it ({@code laser.bias}).
 */
public record ThresholdClass(EntityClass entityClass, SensorKind kind) {

  public ThresholdClass {
    Objects.requireNonNull(entityClass, "entityClass");
    Objects.requireNonNull(kind, "kind");
  }

  public static ThresholdClass of(Sensor sensor) {
    return new ThresholdClass(sensor.entityClass(), sensor.kind());
  }

  /** {@code laser.bias}. */
  public String name() {
    return entityClass.key() + "." + kind.key();
  }

  @Override
  public String toString() {
    return name();
  }
}
