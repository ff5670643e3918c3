package dev.cpo.agent.policy;

import dev.cpo.agent.alarm.AlarmCondition;
import dev.cpo.agent.alarm.ThresholdClass;
import dev.cpo.agent.alarm.ThresholdLevel;
import java.util.Objects;

/**
 * One protective action: when an alarm with {@code condition} has been active for {@code holdSeconds}
 * (HAL clock), take {@code action} on its entity; undo it once the entity has recovered for
 * {@code revertHoldSeconds}; after {@code maxTries} actions on one entity, stop undoing it until an
 * operator resets it.
 *
 * @param name the policy's name, in logs and events
 * @param condition the registered alarm condition that triggers it, e.g. {@code laser.temp-highAlarm}
 * @param holdSeconds how long the alarm must have been active
 * @param action what to do
 * @param revert whether to undo the action once recovered (false: stays until an operator resets it)
 * @param revertBelow for threshold conditions: recovered means the entity's reading is back below
 *     (for low levels: above) this level; {@code null} means the triggering alarm has cleared
 * @param revertHoldSeconds how long recovery must last before the action is undone
 * @param maxTries actions on one entity before it latches; 0 for no limit
 * @param fanSpeedPercent for {@code fans-full-speed}: the fans' demand restored on revert
 */
public record Policy(String name, AlarmCondition condition, double holdSeconds, PolicyAction action, boolean revert,
    ThresholdLevel revertBelow, double revertHoldSeconds, int maxTries, double fanSpeedPercent) {

  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(action, "action");
  }

  /** The threshold class of a threshold condition ({@code laser.temp} of {@code laser.temp-highAlarm}), else null. */
  public ThresholdClass thresholdClass() {
    return condition.thresholdClass();
  }
}
