package dev.cpo.hal;

/**
 * The per-laser flags an external laser source (OIF ELSFP) module raises, as SONiC's
 * {@code sonic_xcvr/api/public/elsfp.py} reads them from page 1Ah: high and low bias alarm and
 * warning, high and low optical power alarm and warning, and each lane's fault and warning flag
 * ({@code get_per_lane_high_bias_alarms} ... {@code get_per_lane_fault_flags},
 * {@code get_per_lane_warn_flags}). ELSFP calls a laser a lane.
 *
 * <p>The HAL keeps, per laser and flag, whether it is set now, how often it changed and when it was
 * last set and cleared ({@link LaserFlags}), as SONiC's xcvrd keeps per flag a change count, a last
 * set time and a last clear time ({@code TRANSCEIVER_DOM_FLAG_CHANGE_COUNT}, {@code ..._SET_TIME},
 * {@code ..._CLEAR_TIME}). {@link #number()} is the flag's number in CPO-SWITCH-MIB's
 * {@code CpoLaserFlagType}, fixed once published.
 */
public enum ElsFlag {
  BIAS_HIGH_ALARM("bias-high-alarm", 1),
  BIAS_HIGH_WARNING("bias-high-warning", 2),
  BIAS_LOW_WARNING("bias-low-warning", 3),
  BIAS_LOW_ALARM("bias-low-alarm", 4),
  POWER_HIGH_ALARM("power-high-alarm", 5),
  POWER_HIGH_WARNING("power-high-warning", 6),
  POWER_LOW_WARNING("power-low-warning", 7),
  POWER_LOW_ALARM("power-low-alarm", 8),
  /** The laser should emit and does not: APC loop failure, TEC runaway shutdown, module shutdown. */
  FAULT("fault", 9),
  /** The laser emits but is near a limit: its temperature past its warning level, its TEC saturated or failed. */
  WARNING("warning", 10);

  private static final ElsFlag[] VALUES = values();

  private final String key;
  private final int number;

  ElsFlag(String key, int number) {
    this.key = key;
    this.number = number;
  }

  /** The name in MQTT, the control API and logs, e.g. {@code bias-high-alarm}. */
  public String key() {
    return key;
  }

  /** The flag's value in CPO-SWITCH-MIB's CpoLaserFlagType (1-based, never reused). */
  public int number() {
    return number;
  }

  /** The flag whose {@link #number()} this is, or null. */
  public static ElsFlag ofNumber(int number) {
    return number >= 1 && number <= VALUES.length ? VALUES[number - 1] : null;
  }

  /** The bit of this flag in a per-laser bit set. */
  public int bit() {
    return 1 << ordinal();
  }

  public static int count() {
    return VALUES.length;
  }
}
