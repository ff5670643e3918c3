package dev.cpo.agent.core;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.hal.Inventory;
import java.util.List;

/**
 * What the northbound adapters (SNMP, MQTT, control API) see of the agent. They read {@link #latest()}
 * and subscribe to {@link #events()}; they never call the HAL.
 */
public interface AgentView {

  /** The switch's inventory. */
  Inventory inventory();

  /** The snapshot of the last completed poll cycle. Never null once the agent has started. */
  AgentSnapshot latest();

  /** Recently cleared alarms, newest first, bounded. */
  List<Alarm> history();

  EventBus events();

  ThresholdService thresholds();

  /**
   * Asks to be told of each new snapshot: {@code listener} runs on the poll cycle's thread right after
   * {@link #latest()} changed (and after that cycle's events are published), so it must only signal
   * its own thread and return. A reader that waits for this instead of polling {@link #latest()} on a
   * timer wakes once a snapshot rather than many times.
   *
   * @return false when this view cannot tell (the default): poll {@link #latest()} instead
   */
  default boolean addSnapshotListener(Runnable listener) {
    return false;
  }

  /** Stops telling {@code listener}; nothing when it was not added. */
  default void removeSnapshotListener(Runnable listener) {}
}
