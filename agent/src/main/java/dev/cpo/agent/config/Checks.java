package dev.cpo.agent.config;

/** Validation helpers for config records: each throws {@link IllegalArgumentException} naming the field. */
public final class Checks {

  private Checks() {}

  public static int port(String field, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(field + " must be a port 0..65535 (0 picks a free one), was " + port);
    }
    return port;
  }

  public static long positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be > 0, was " + value);
    }
    return value;
  }

  public static double range(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  public static String notBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return value;
  }
}
