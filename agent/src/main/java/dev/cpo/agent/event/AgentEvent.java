package dev.cpo.agent.event;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import java.util.Map;
import java.util.Objects;

/**
 * A transition the agent observed or caused. Publishers (SNMP notifications, MQTT events) subscribe
 * to these through {@link EventBus}.
 */
public sealed interface AgentEvent {

  /** Agent-wide sequence number, increasing by one per event. */
  long seq();

  /** When it happened, HAL clock epoch milliseconds. */
  long timeMillis();

  /** A root-cause or standalone alarm was raised (symptom alarms linked to a root are not events). */
  record AlarmRaised(long seq, long timeMillis, Alarm alarm) implements AgentEvent {
    public AlarmRaised {
      Objects.requireNonNull(alarm, "alarm");
    }
  }

  /** An alarm was cleared; {@code alarm.clearedAtMillis()} is set. */
  record AlarmCleared(long seq, long timeMillis, Alarm alarm) implements AgentEvent {
    public AlarmCleared {
      Objects.requireNonNull(alarm, "alarm");
    }
  }

  /**
   * A protective action was taken.
   *
   * @param action e.g. {@code laser-disable}, {@code laser-enable}, {@code asic-shutdown}, {@code fans-full-speed}
   * @param entity the entity acted on
   * @param policy the policy that fired
   * @param reason one line: why
   * @param alarmId the alarm that triggered it, or {@code null}
   */
  record ActionTaken(long seq, long timeMillis, String action, String entity, String policy, String reason,
      String alarmId) implements AgentEvent {
    public ActionTaken {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(entity, "entity");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A field-replaceable entity (and what it contains) appeared, e.g. a laser module was inserted. */
  record EntityAdded(long seq, long timeMillis, String entity, EntityClass entityClass, String serialNumber,
      String firmwareRevision) implements AgentEvent {

    /** An entity added with no identity known. */
    public EntityAdded(long seq, long timeMillis, String entity, EntityClass entityClass) {
      this(seq, timeMillis, entity, entityClass, "", "");
    }
  }

  /** A field-replaceable entity (and what it contains) disappeared, e.g. a laser module was pulled. */
  record EntityRemoved(long seq, long timeMillis, String entity, EntityClass entityClass) implements AgentEvent {}

  /**
   * An entity's operational status changed (port up/degraded/down, laser on/off/failed, ASIC shut down).
   */
  record StateChanged(long seq, long timeMillis, String entity, EntityClass entityClass, EntityStatus before,
      EntityStatus after) implements AgentEvent {}

  /**
   * A threshold was changed at run time (SNMP SET, config reload).
   *
   * @param sensorId sensor id, or a threshold class such as {@code laser.bias}
   * @param levels the new levels by name ({@code lowAlarm}, {@code lowWarning}, {@code highWarning}, {@code highAlarm})
   * @param by who changed it, e.g. {@code snmp:ops}, {@code config-reload}
   */
  record ThresholdChanged(long seq, long timeMillis, String sensorId, Map<String, Double> levels, String by)
      implements AgentEvent {
    public ThresholdChanged {
      levels = Map.copyOf(levels);
    }
  }
}
