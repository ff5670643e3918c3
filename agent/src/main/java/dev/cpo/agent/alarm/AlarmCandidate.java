package dev.cpo.agent.alarm;

import java.util.List;
import java.util.Objects;

/**
 * A condition a detector sees this cycle: what the alarm would be if it is not active yet. The alarm
 * table turns candidates into raised alarms and missing ones into clears. Severity and whether it is a
 * root cause come from the registered {@link AlarmCondition}.
 *
 * @param condition one of {@link AlarmConditions}
 * @param entity the entity it is about
 * @param text one line for an operator
 * @param value the reading, or NaN
 * @param threshold the threshold crossed, or NaN
 * @param affected for a root cause: the lanes and ports it darkened; empty otherwise
 */
public record AlarmCandidate(AlarmCondition condition, String entity, String text, double value, double threshold,
    List<String> affected) {

  public AlarmCandidate {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(text, "text");
    affected = List.copyOf(affected);
  }

  public String id() {
    return Alarm.idOf(condition.name(), entity);
  }

  public Severity severity() {
    return condition.severity();
  }

  /** Whether this condition is a root cause that other alarms may be symptoms of. */
  public boolean rootCause() {
    return condition.rootCause();
  }

  /** A condition on an entity, with no reading. */
  public static AlarmCandidate of(AlarmCondition condition, String entity, String text) {
    return new AlarmCandidate(condition, entity, text, Double.NaN, Double.NaN, List.of());
  }

  /** A root cause with the entities it took down. */
  public static AlarmCandidate root(AlarmCondition condition, String entity, String text, List<String> affected) {
    if (!condition.rootCause()) {
      throw new IllegalArgumentException(condition.name() + " is not a root cause");
    }
    return new AlarmCandidate(condition, entity, text, Double.NaN, Double.NaN, affected);
  }
}
