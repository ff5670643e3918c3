package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;

/**
 * A check on one value of a switch: a reading's value ({@code reading: bias}), an entity status field
 * ({@code status: state}), compared with {@code equals}, {@code above}, {@code below} or {@code within},
 * or whether an alarm on the entity is {@code active} or {@code cleared} ({@code alarm: laser-failure,
 * equals: active}).
 *
 * @param entity entity name, plain or on a switch of a fleet ({@code sw7:els3/laser5}, see {@link SwitchRef})
 * @param reading sensor kind key, e.g. {@code bias}, {@code rx_power}; null when another is given
 * @param status entity status field ({@code state}, {@code speedMbps}, {@code lanesUp}, {@code adminUp},
 *     {@code faultCode}); null when another is given
 * @param alarm alarm condition, e.g. {@code laser-failure}: the alarm {@code condition/entity} is
 *     observed as {@code active} or {@code cleared}; null when another is given
 * @param comparison how to compare
 * @param expected the value for {@code equals}, the bound for {@code above}/{@code below}
 * @param low lower bound for {@code within} (inclusive)
 * @param high upper bound for {@code within} (inclusive)
 */
public record Expectation(String entity, String reading, String status, String alarm, Comparison comparison, JsonNode expected,
    double low, double high) {

  /** How the observed value is compared. */
  public enum Comparison { EQUALS, ABOVE, BELOW, WITHIN }

  /** The entity status fields an expectation may name. */
  public static final java.util.List<String> STATUS_FIELDS =
      java.util.List.of("state", "speedMbps", "lanesUp", "adminUp", "faultCode");

  /** What an alarm expectation observes. */
  public static final java.util.List<String> ALARM_STATES = java.util.List.of("active", "cleared");

  public Expectation {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(comparison, "comparison");
  }

  /** Where in an entity's telemetry JSON the value is. */
  public String path() {
    return reading != null ? "readings." + reading + ".value" : alarm != null ? "alarm " + alarm : "status." + status;
  }

  /** The entity as named: its switch (null for a plain name) and its name there. */
  public SwitchRef ref() {
    return SwitchRef.parse(entity);
  }

  /** Whether the observed value (null when absent) meets the expectation. */
  public boolean holds(JsonNode observed) {
    if (observed == null || observed.isMissingNode() || observed.isNull()) {
      return false;
    }
    switch (comparison) {
      case EQUALS:
        if (expected.isNumber() && observed.isNumber()) {
          return expected.asDouble() == observed.asDouble();
        }
        return expected.asText().toLowerCase(Locale.ROOT).equals(observed.asText().toLowerCase(Locale.ROOT));
      case ABOVE:
        return observed.isNumber() && observed.asDouble() > expected.asDouble();
      case BELOW:
        return observed.isNumber() && observed.asDouble() < expected.asDouble();
      default:
        return observed.isNumber() && observed.asDouble() >= low && observed.asDouble() <= high;
    }
  }

  @Override
  public String toString() {
    String what = entity + " " + (reading != null ? reading : alarm != null ? "alarm " + alarm : status);
    return switch (comparison) {
      case EQUALS -> what + " equals " + expected.asText();
      case ABOVE -> what + " above " + expected.asText();
      case BELOW -> what + " below " + expected.asText();
      case WITHIN -> what + " within [" + low + ", " + high + "]";
    };
  }
}
