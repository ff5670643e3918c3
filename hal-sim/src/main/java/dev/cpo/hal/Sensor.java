package dev.cpo.hal;

import java.util.Objects;

/**
 * One sensor. Sensors are numbered densely; the value of sensor {@code i} in a snapshot is
 * {@link HalSnapshot#value(int) value(i)}.
 *
 * @param index dense index in {@link Inventory#sensors()}, 0-based, stable for the life of the HAL
 * @param entity name of the entity the sensor belongs to
 * @param entityClass class of that entity
 * @param kind what it measures
 * @param slowClass whether it belongs to the slow polling class (coolant, fans, power, voltage)
 */
public record Sensor(int index, String entity, EntityClass entityClass, SensorKind kind, boolean slowClass) {

  public Sensor {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(entityClass, "entityClass");
    Objects.requireNonNull(kind, "kind");
  }

  /** Stable id, e.g. {@code els3/laser5:bias}. */
  public String id() {
    return entity + ":" + kind.key();
  }

  /**
   * The threshold class whose defaults apply, e.g. {@code laser.bias}, {@code asic.temp},
   * {@code lane.rx_power}.
   */
  public String thresholdClass() {
    return entityClass.key() + "." + kind.key();
  }

  public Unit unit() {
    return kind.unit();
  }
}
