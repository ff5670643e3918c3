package dev.cpo.hal;

/** Unit of a sensor reading, named as a telemetry key suffix would name it. */
public enum Unit {
  CELSIUS("c"),
  MILLIAMPS("ma"),
  DBM("dbm"),
  MILLIWATTS("mw"),
  WATTS("w"),
  VOLTS("v"),
  RPM("rpm"),
  LITRES_PER_MINUTE("lpm"),
  PERCENT("pct"),
  /** A plain ratio, e.g. bit error ratio. */
  RATIO("ratio");

  private final String suffix;

  Unit(String suffix) {
    this.suffix = suffix;
  }

  /** Suffix used in telemetry keys, e.g. {@code temp_c}, {@code bias_ma}. */
  public String suffix() {
    return suffix;
  }
}
