package dev.cpo.hal;

/** What a sensor measures, with its unit. */
public enum SensorKind {
  TEMPERATURE("temp", Unit.CELSIUS),
  BIAS_CURRENT("bias", Unit.MILLIAMPS),
  /** Laser output power or lane transmit power. */
  TX_POWER("tx_power", Unit.DBM),
  RX_POWER("rx_power", Unit.DBM),
  TEC_CURRENT("tec_current", Unit.PERCENT),
  PRE_FEC_BER("pre_fec_ber", Unit.RATIO),
  VOLTAGE("voltage", Unit.VOLTS),
  POWER("power", Unit.WATTS),
  FAN_SPEED("speed", Unit.RPM),
  COOLANT_FLOW("flow", Unit.LITRES_PER_MINUTE),
  COOLANT_INLET_TEMPERATURE("inlet_temp", Unit.CELSIUS),
  COOLANT_OUTLET_TEMPERATURE("outlet_temp", Unit.CELSIUS),
  /** CMIS laser age, 0 % at beginning of life to 100 % at end of life. */
  LASER_AGE("age", Unit.PERCENT),
  /**
   * A laser module's supply current: what its electronics, laser drivers and TECs draw from the supply
   * (OIF ELSFP's VCC current monitor, which SONiC's elsfp.py reads as {@code get_icc_monitor}).
   */
  SUPPLY_CURRENT("current", Unit.AMPERES),
  /** A laser's optical frequency (OIF ELSFP's per-lane frequency, {@code get_per_lane_freq} in SONiC). */
  FREQUENCY("frequency", Unit.GIGAHERTZ);

  private final String key;
  private final Unit unit;

  SensorKind(String key, Unit unit) {
    this.key = key;
    this.unit = unit;
  }

  /** Short name, e.g. {@code bias}; telemetry keys are {@code key + "_" + unit.suffix()}. */
  public String key() {
    return key;
  }

  public Unit unit() {
    return unit;
  }

  /**
   * Digits after the decimal point a reading of this kind carries: its resolution, so a consumer can
   * round away binary noise ({@code 355.90000000000003} is {@code 355.9}). Temperatures are read in
   * 1/256 K steps (3 digits), bias and TEC current in 0.1 mA / 0.1 % steps, optical power to 0.01 dB,
   * voltage to 0.1 mV, power to 0.1 W, fan speed in whole RPM, flow to 0.01 l/min, age in whole percent,
   * supply current to 0.1 mA (the ELSFP register's step is 0.2 mA), frequency in whole GHz (its step is 5 GHz).
   *
   * @return the decimals, or -1 for a ratio that spans decades (BER), which keeps 3 significant digits
   */
  public int decimals() {
    return switch (this) {
      case TEMPERATURE, COOLANT_INLET_TEMPERATURE, COOLANT_OUTLET_TEMPERATURE -> 3;
      case BIAS_CURRENT, TEC_CURRENT, POWER -> 1;
      case TX_POWER, RX_POWER, COOLANT_FLOW -> 2;
      case VOLTAGE -> 4;
      case FAN_SPEED, LASER_AGE, FREQUENCY -> 0;
      case SUPPLY_CURRENT -> 4;
      default -> -1;
    };
  }

  /**
   * A reading rounded to this kind's resolution ({@link #decimals()}); NaN and infinities unchanged.
   */
  public double round(double value) {
    if (!Double.isFinite(value)) {
      return value;
    }
    int d = decimals();
    if (d < 0) {
      return value == 0 ? 0 : new java.math.BigDecimal(value).round(new java.math.MathContext(3)).doubleValue();
    }
    return java.math.BigDecimal.valueOf(value).setScale(d, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Telemetry key with unit, e.g. {@code bias_ma}, {@code temp_c}, {@code rx_power_dbm}. */
  public String telemetryKey() {
    return key + "_" + unit.suffix();
  }
}
