package dev.cpo.agent.alarm;

/**
 * The four CMIS-style threshold levels. The numbering follows CISCO-ENTITY-SENSOR-MIB's
 * entSensorThresholdIndex usage in our threshold table (1..4).
 */
public enum ThresholdLevel {
  LOW_ALARM(1, "lowAlarm", Severity.MAJOR, false),
  LOW_WARNING(2, "lowWarning", Severity.WARNING, false),
  HIGH_WARNING(3, "highWarning", Severity.WARNING, true),
  HIGH_ALARM(4, "highAlarm", Severity.MAJOR, true);

  private final int number;
  private final String key;
  private final Severity defaultSeverity;
  private final boolean high;

  ThresholdLevel(int number, String key, Severity defaultSeverity, boolean high) {
    this.number = number;
    this.key = key;
    this.defaultSeverity = defaultSeverity;
    this.high = high;
  }

  /** 1..4, the index in the SNMP threshold table. */
  public int number() {
    return number;
  }

  /** Key in YAML and JSON, e.g. {@code highWarning}. */
  public String key() {
    return key;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** Whether the level is crossed from below (high) or from above (low). */
  public boolean high() {
    return high;
  }

  /** The level whose key is {@code key} ({@code highAlarm}), or null. */
  public static ThresholdLevel ofKey(String key) {
    for (ThresholdLevel l : values()) {
      if (l.key.equals(key)) {
        return l;
      }
    }
    return null;
  }

  public static ThresholdLevel ofNumber(int number) {
    for (ThresholdLevel l : values()) {
      if (l.number == number) {
        return l;
      }
    }
    throw new IllegalArgumentException("threshold level number must be 1..4, was " + number);
  }
}
