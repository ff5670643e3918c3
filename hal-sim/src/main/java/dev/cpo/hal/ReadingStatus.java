package dev.cpo.hal;

/** Quality of one reading. Mirrors ENTITY-SENSOR-MIB's EntitySensorStatus. */
public enum ReadingStatus {
  /** The value is a fresh measurement. */
  OK,
  /** The sensor or its module could not be read this cycle (read error, timeout, module absent). */
  UNAVAILABLE,
  /** The sensor reports itself broken. */
  NONOPERATIONAL
}
