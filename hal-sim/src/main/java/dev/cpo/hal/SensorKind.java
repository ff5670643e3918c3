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
  LASER_AGE("age", Unit.PERCENT);

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

  /** Telemetry key with unit, e.g. {@code bias_ma}, {@code temp_c}, {@code rx_power_dbm}. */
  public String telemetryKey() {
    return key + "_" + unit.suffix();
  }
}
