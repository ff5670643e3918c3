package dev.cpo.agent.metrics;

import dev.cpo.hal.EntityClass;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.Unit;

/**
 * How the agent's readings are named in Prometheus: {@code cpo_<subject>_<quantity>_<unit>}, the unit a base unit
 * (amperes, watts, volts, celsius, ratio, seconds, bytes, cubic meters per second) as Prometheus' naming practice
 * asks, except optical power, which stays in dBm as transceiver exporters publish it, and fan speed in rpm as
 * node_exporter's hwmon collector does. Each reading is converted with {@link #divisor(Unit)}.
 */
public final class MetricNames {

  /** Every metric name starts with this. */
  public static final String PREFIX = "cpo_";

  private MetricNames() {}

  /** The subject of an entity class's metrics, e.g. {@code laser_module} in {@code cpo_laser_module_temperature_celsius}. */
  public static String subject(EntityClass entityClass) {
    return switch (entityClass) {
      case OPTICAL_ENGINE -> "engine";
      case LASER_MODULE -> "laser_module";
      case COOLING_LOOP -> "coolant";
      case POWER_INPUT -> "power_input";
      default -> entityClass.key();
    };
  }

  /** The quantity a sensor kind measures, e.g. {@code bias}, {@code rx_power}, {@code inlet_temperature}. */
  public static String quantity(SensorKind kind) {
    return switch (kind) {
      case TEMPERATURE -> "temperature";
      case PRE_FEC_BER -> "pre_fec_bit_error";
      case FAN_SPEED -> "speed";
      case COOLANT_INLET_TEMPERATURE -> "inlet_temperature";
      case COOLANT_OUTLET_TEMPERATURE -> "outlet_temperature";
      default -> kind.key();
    };
  }

  /** The unit suffix a reading in {@code unit} is published in. */
  public static String unitSuffix(Unit unit) {
    return switch (unit) {
      case CELSIUS -> "celsius";
      case MILLIAMPS, AMPERES -> "amperes";
      case GIGAHERTZ -> "hertz";
      case DBM -> "dbm";
      case MILLIWATTS, WATTS -> "watts";
      case VOLTS -> "volts";
      case RPM -> "rpm";
      case LITRES_PER_MINUTE -> "cubic_meters_per_second";
      case PERCENT, RATIO -> "ratio";
      default -> unit.suffix();
    };
  }

  /**
   * What a reading in {@code unit} is divided by to give {@link #unitSuffix(Unit)}. A divisor, not a factor:
   * 358.7 mA / 1000 is 0.3587 A, where 358.7 * 1e-3 is 0.3587000000000001.
   */
  public static double divisor(Unit unit) {
    return switch (unit) {
      case MILLIAMPS, MILLIWATTS -> 1e3;
      case LITRES_PER_MINUTE -> 6e4;
      case PERCENT -> 1e2;
      case GIGAHERTZ -> 1e-9;
      default -> 1;
    };
  }

  /** The name of a sensor's metric without the unit, e.g. {@code cpo_laser_bias}. */
  public static String base(EntityClass entityClass, SensorKind kind) {
    return PREFIX + subject(entityClass) + "_" + quantity(kind);
  }

  /** The full name of a sensor's metric, e.g. {@code cpo_laser_bias_amperes}, {@code cpo_lane_rx_power_dbm}. */
  public static String sensor(EntityClass entityClass, SensorKind kind) {
    return base(entityClass, kind) + "_" + unitSuffix(kind.unit());
  }

  /** The name of a sensor's thresholds, e.g. {@code cpo_laser_bias_threshold_amperes} (with a {@code level} label). */
  public static String threshold(EntityClass entityClass, SensorKind kind) {
    return base(entityClass, kind) + "_threshold_" + unitSuffix(kind.unit());
  }
}
