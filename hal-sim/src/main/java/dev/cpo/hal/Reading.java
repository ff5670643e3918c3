package dev.cpo.hal;

import java.util.Objects;

/**
 * One sensor reading, as a value object. Hot paths read the snapshot's columns directly instead.
 *
 * @param sensor the sensor
 * @param value the value in {@code sensor.unit()}; meaningless unless {@code status} is {@link ReadingStatus#OK}
 * @param status quality of the value
 * @param timestampMillis when the sensor last updated, in HAL clock epoch milliseconds
 */
public record Reading(Sensor sensor, double value, ReadingStatus status, long timestampMillis) {

  public Reading {
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(status, "status");
  }

  public Unit unit() {
    return sensor.unit();
  }

  public boolean available() {
    return status == ReadingStatus.OK;
  }
}
