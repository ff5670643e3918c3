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
      if (value == 0) {
        return 0;
      }
      double fast = significant3(value);
      return !Double.isNaN(fast) ? fast
          : new java.math.BigDecimal(value).round(new java.math.MathContext(3)).doubleValue();
    }
    double fast = toDecimals(value, d);
    return !Double.isNaN(fast) ? fast
        : java.math.BigDecimal.valueOf(value).setScale(d, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  /** 10^0 .. 10^22, each exact as a double. */
  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
      1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /**
   * How far from a half the scaled value must be for the floating product to round as the decimal would:
   * the product's error is below 3e-16 of it, so under 1e9 it is under 3e-7.
   */
  private static final double TIE_MARGIN = 1e-6;
  private static final double FAST_LIMIT = 1e9;

  /**
   * {@code value} to {@code d} decimals, the same double as {@link java.math.BigDecimal}'s
   * {@code setScale(d, HALF_EVEN).doubleValue()} (which is {@code r / 10^d} for the rounded integer r), without
   * its allocation and decimal conversions (they were most of a telemetry message's cost); NaN when the value
   * is too large or too near a half for the product to decide, and the caller takes the exact path.
   */
  private static double toDecimals(double value, int d) {
    double p = POW10[d];
    double x = value * p;
    if (!(Math.abs(x) < FAST_LIMIT)) {
      return Double.NaN;
    }
    double r = Math.rint(x);
    if (Math.abs(x - r) > 0.5 - TIE_MARGIN) {
      return Double.NaN;
    }
    // BigDecimal has no negative zero: -0.0001 to 3 decimals is 0.0.
    return r == 0 ? 0 : r / p;
  }

  /**
   * {@code value} to 3 significant digits, the same double as {@code new BigDecimal(value).round(new
   * MathContext(3)).doubleValue()}; NaN when this cannot tell (near a half, the leading digit misjudged, or
   * out of 1e-20..100), and the caller takes the exact path.
   */
  private static double significant3(double value) {
    int k = 2 - (int) Math.floor(Math.log10(Math.abs(value)));
    if (k < 0 || k >= POW10.length) {
      return Double.NaN;
    }
    double p = POW10[k];
    double x = value * p;
    double r = Math.rint(x);
    if (Math.abs(r) < 100 || Math.abs(r) >= 1000 || Math.abs(x - r) > 0.5 - TIE_MARGIN) {
      return Double.NaN;
    }
    return r / p;
  }

  /** Telemetry key with unit, e.g. {@code bias_ma}, {@code temp_c}, {@code rx_power_dbm}. */
  public String telemetryKey() {
    return key + "_" + unit.suffix();
  }
}
