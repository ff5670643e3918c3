package dev.cpo.agent.alarm;

import java.util.List;
import java.util.Objects;

/**
 * A condition a detector sees this cycle: what the alarm would be if it is not active yet. The alarm
 * table turns candidates into raised alarms and missing ones into clears. Whether it is a root cause
 * comes from the registered {@link AlarmCondition}, and so does its severity unless the detector raises
 * this instance at another ({@link #withSeverity}).
 *
 * @param condition one of {@link AlarmConditions}
 * @param entity the entity it is about
 * @param severity its severity; null for the condition's
 * @param text one line for an operator
 * @param value the reading, or NaN
 * @param threshold the threshold crossed, or NaN
 * @param affected for a root cause: the lanes and ports it darkened; empty otherwise
 */
public record AlarmCandidate(AlarmCondition condition, String entity, Severity severity, String text, double value,
    double threshold, List<String> affected) {

  public AlarmCandidate {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(text, "text");
    severity = severity == null ? condition.severity() : severity;
    affected = List.copyOf(affected);
  }

  public String id() {
    return Alarm.idOf(condition.name(), entity);
  }

  /** Whether this condition is a root cause that other alarms may be symptoms of. */
  public boolean rootCause() {
    return condition.rootCause();
  }

  /** A condition on an entity, with no reading. */
  public static AlarmCandidate of(AlarmCondition condition, String entity, String text) {
    return new AlarmCandidate(condition, entity, null, text, Double.NaN, Double.NaN, List.of());
  }

  /** A root cause with the entities it took down. */
  public static AlarmCandidate root(AlarmCondition condition, String entity, String text, List<String> affected) {
    if (!condition.rootCause()) {
      throw new IllegalArgumentException(condition.name() + " is not a root cause");
    }
    return new AlarmCandidate(condition, entity, null, text, Double.NaN, Double.NaN, affected);
  }

  /** This candidate at another severity than its condition's. */
  public AlarmCandidate withSeverity(Severity other) {
    return new AlarmCandidate(condition, entity, other, text, value, threshold, affected);
  }

  /** This candidate with the reading that raised it and the level it was measured against. */
  public AlarmCandidate withReading(double newValue, double newThreshold) {
    return new AlarmCandidate(condition, entity, severity, text, newValue, newThreshold, affected);
  }
}
