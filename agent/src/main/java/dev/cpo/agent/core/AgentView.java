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
}
