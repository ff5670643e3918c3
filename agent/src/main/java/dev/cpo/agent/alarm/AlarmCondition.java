package dev.cpo.agent.alarm;

import dev.cpo.hal.EntityClass;
import java.util.Objects;

/**
 * One kind of alarm the agent can raise, as {@link AlarmConditions} registers it. Its {@link #name()} is
 * what {@link Alarm#condition()}, the API, MQTT, the MIB's cpoAlarmCondition and policies.yaml carry.
 *
 * @param name e.g. {@code laser-failure}, {@code laser.bias-highWarning}
 * @param kind where it comes from
 * @param entityClass what it is about; null for a condition on any entity ({@code protection-latched})
 * @param severity the severity its alarms carry
 * @param rootCause whether other alarms may be symptoms of it (false: it may be a symptom)
 * @param switchWide for a root cause: whether every non-root alarm raised while it is active is taken as
 *     its symptom, as a coolant flow loss heats everything its loop cools
 * @param thresholdClass for a threshold condition: the sensor class crossed, else null
 * @param level for a threshold condition: the level crossed, else null
 * @param description one line for docs and "did you mean" listings
 */
public record AlarmCondition(String name, Kind kind, EntityClass entityClass, Severity severity, boolean rootCause,
    boolean switchWide, ThresholdClass thresholdClass, ThresholdLevel level, String description) {

  /** Where a condition comes from. */
  public enum Kind {
    /** A sensor crossed a threshold level. */
    THRESHOLD,
    /** An entity's state (failed, disabled, removed, down). */
    STATUS,
    /** A projection of readings (laser end of life). */
    FORECAST,
    /** The protective policies' own state. */
    PROTECTION
  }

  public AlarmCondition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(description, "description");
    if ((kind == Kind.THRESHOLD) != (thresholdClass != null && level != null)) {
      throw new IllegalArgumentException(name + ": a threshold condition, and only one, names its class and level");
    }
    if (switchWide && !rootCause) {
      throw new IllegalArgumentException(name + ": only a root cause is switch-wide");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
