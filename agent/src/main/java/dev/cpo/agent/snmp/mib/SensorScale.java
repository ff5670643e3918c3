package dev.cpo.agent.snmp.mib;

import dev.cpo.hal.SensorKind;

/**
 * How a sensor's reading is expressed as an ENTITY-SENSOR-MIB value (RFC 3433): data type, SI scale,
 * precision (fraction digits) and units label. Optical power goes out in watts, scale milli, as SONiC
 * does, because the MIB has no dBm type; the CPO-SWITCH-MIB tables carry dBm x 100 beside it.
 *
 * @param type EntitySensorDataType
 * @param scale EntitySensorDataScale
 * @param precision EntitySensorPrecision: digits after the decimal point
 * @param units entPhySensorUnitsDisplay
 * @param fromDbm whether the reading is in dBm and is converted to milliwatts
 */
record SensorScale(int type, int scale, int precision, String units, boolean fromDbm) {

  static final int OTHER = 1;
  static final int VOLTS_DC = 4;
  static final int AMPERES = 5;
  static final int WATTS = 6;
  static final int HERTZ = 7;
  static final int CELSIUS = 8;
  static final int RPM = 10;

  static final int MILLI = 8;
  static final int UNITS = 9;
  static final int GIGA = 12;

  /** RFC 3433 EntitySensorValue: these two mean overflow and underflow. */
  static final int OVERFLOW = 1_000_000_000;
  static final int UNDERFLOW = -1_000_000_000;

  static SensorScale of(SensorKind kind) {
    return switch (kind) {
      case TEMPERATURE, COOLANT_INLET_TEMPERATURE, COOLANT_OUTLET_TEMPERATURE ->
          new SensorScale(CELSIUS, UNITS, 1, "C", false);
      case BIAS_CURRENT -> new SensorScale(AMPERES, MILLI, 2, "mA", false);
      case TX_POWER, RX_POWER -> new SensorScale(WATTS, MILLI, 4, "mW", true);
      case TEC_CURRENT -> new SensorScale(OTHER, UNITS, 2, "percent", false);
      case LASER_AGE -> new SensorScale(OTHER, UNITS, 2, "percent", false);
      case PRE_FEC_BER -> new SensorScale(OTHER, UNITS, 9, "ratio", false);
      case VOLTAGE -> new SensorScale(VOLTS_DC, UNITS, 3, "V", false);
      case POWER -> new SensorScale(WATTS, UNITS, 1, "W", false);
      case FAN_SPEED -> new SensorScale(RPM, UNITS, 0, "RPM", false);
      case COOLANT_FLOW -> new SensorScale(OTHER, UNITS, 2, "l/min", false);
      // Supply current as the ELSFP register resolves it (0.2 mA); frequency in GHz, its step 5 GHz.
      case SUPPLY_CURRENT -> new SensorScale(AMPERES, UNITS, 4, "A", false);
      case FREQUENCY -> new SensorScale(HERTZ, GIGA, 0, "GHz", false);
    };
  }

  /** A reading (in the sensor's own unit) as an EntitySensorValue, clamped to the overflow markers. */
  int toSensorValue(double reading) {
    double v = fromDbm ? Math.pow(10, reading / 10) : reading;
    double scaled = Math.rint(v * Math.pow(10, precision));
    if (Double.isNaN(scaled)) {
      return 0;
    }
    if (scaled >= OVERFLOW) {
      return OVERFLOW;
    }
    if (scaled <= UNDERFLOW) {
      return UNDERFLOW;
    }
    return (int) scaled;
  }

  /**
   * An EntitySensorValue back in the sensor's own unit.
   *
   * @throws IllegalArgumentException when the unit cannot take it (zero or negative optical power)
   */
  double fromSensorValue(int value) {
    double v = value / Math.pow(10, precision);
    if (fromDbm) {
      if (value <= 0) {
        throw new IllegalArgumentException("optical power must be above 0 mW, was " + v);
      }
      return 10 * Math.log10(v);
    }
    return v;
  }
}
