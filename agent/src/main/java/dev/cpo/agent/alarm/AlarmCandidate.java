package dev.cpo.agent.alarm;

import java.util.List;
import java.util.Objects;

/**
 * A condition a detector sees this cycle: what the alarm would be if it is not active yet. The alarm
 * table turns candidates into raised alarms and missing ones into clears.
 *
 * @param condition e.g. {@code laser-failure}, {@code laser.bias-highWarning}
 * @param entity the entity it is about
 * @param severity severity
 * @param text one line for an operator
 * @param value the reading, or NaN
 * @param threshold the threshold crossed, or NaN
 * @param affected for a root cause: the lanes and ports it darkened; empty otherwise
 * @param rootCause whether this condition is a root cause that other alarms may be symptoms of
 */
public record AlarmCandidate(String condition, String entity, Severity severity, String text, double value,
    double threshold, List<String> affected, boolean rootCause) {

  public AlarmCandidate {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(text, "text");
    affected = List.copyOf(affected);
  }

  public String id() {
    return Alarm.idOf(condition, entity);
  }

  /** A root cause with the entities it took down. */
  public static AlarmCandidate root(String condition, String entity, Severity severity, String text,
      List<String> affected) {
    return new AlarmCandidate(condition, entity, severity, text, Double.NaN, Double.NaN, affected, true);
  }

  /** A condition that may turn out to be a symptom of a root cause. */
  public static AlarmCandidate plain(String condition, String entity, Severity severity, String text) {
    return new AlarmCandidate(condition, entity, severity, text, Double.NaN, Double.NaN, List.of(), false);
  }
}
