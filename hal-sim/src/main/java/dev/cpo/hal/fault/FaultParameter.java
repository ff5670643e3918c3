package dev.cpo.hal.fault;

import java.util.Objects;

/**
 * One numeric parameter of a fault type, with its documented default and allowed range.
 *
 * @param name parameter name as given in an injection request, e.g. {@code driftPercentPerDay}
 * @param unit unit of the value, e.g. {@code %/day}, {@code dB}, {@code ms}
 * @param defaultValue used when the request does not give the parameter
 * @param min smallest allowed value, inclusive
 * @param max largest allowed value, inclusive
 * @param description what it does
 */
public record FaultParameter(String name, String unit, double defaultValue, double min, double max, String description) {

  public FaultParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(description, "description");
    if (!(min <= defaultValue && defaultValue <= max)) {
      throw new IllegalArgumentException(
          "parameter " + name + ": default " + defaultValue + " is outside [" + min + ", " + max + "]");
    }
  }
}
