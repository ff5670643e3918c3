package dev.cpo.hal;

/** Unit of a sensor reading, named as a telemetry key suffix would name it. */
public enum Unit {
  CELSIUS("c", "C"),
  MILLIAMPS("ma", "mA"),
  AMPERES("a", "A"),
  DBM("dbm", "dBm"),
  MILLIWATTS("mw", "mW"),
  WATTS("w", "W"),
  VOLTS("v", "V"),
  RPM("rpm", "rpm"),
  LITRES_PER_MINUTE("lpm", "L/min"),
  PERCENT("pct", "%"),
  GIGAHERTZ("ghz", "GHz"),
  /** A plain ratio, e.g. bit error ratio. */
  RATIO("ratio", "");

  private final String suffix;
  private final String symbol;

  Unit(String suffix, String symbol) {
    this.suffix = suffix;
    this.symbol = symbol;
  }

  /** The unit as an operator writes it: {@code C}, {@code mA}, {@code dBm}, {@code L/min}; empty for a ratio. */
  public String symbol() {
    return symbol;
  }

  /** Suffix used in telemetry keys, e.g. {@code temp_c}, {@code bias_ma}. */
  public String suffix() {
    return suffix;
  }
}
