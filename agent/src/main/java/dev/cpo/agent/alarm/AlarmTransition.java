package dev.cpo.agent.alarm;

import java.util.Objects;

/**
 * What one reconcile of the {@link AlarmTable} did to one alarm. The table returns these; the agent
 * publishes the notified ones as events, from one place.
 *
 * @param alarm the alarm as raised, or as cleared (with its clear time)
 * @param raised true for a raise, false for a clear
 * @param notified whether operators are told: a root cause or standalone alarm; false for a symptom,
 *     which is folded under its root cause
 */
public record AlarmTransition(Alarm alarm, boolean raised, boolean notified) {

  public AlarmTransition {
    Objects.requireNonNull(alarm, "alarm");
  }
}
