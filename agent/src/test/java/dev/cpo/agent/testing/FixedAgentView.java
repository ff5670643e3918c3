package dev.cpo.agent.testing;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentStats;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.forecast.LaserForecast;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AgentView} for northbound tests that don't need the agent core: the test sets the HAL
 * snapshot and alarms, and publishes events through {@link #bus()}.
 */
public final class FixedAgentView implements AgentView {

  private final DirectEventBus bus = new DirectEventBus();
  private final Map<String, ThresholdSet> overrides = new ConcurrentHashMap<>();
  private volatile AgentSnapshot latest;
  private volatile List<Alarm> history = List.of();
  private volatile ThresholdService thresholds;

  public FixedAgentView(HalSnapshot hal) {
    this.latest = new AgentSnapshot(hal, List.of(), Map.of(), AgentStats.ZERO);
  }

  public FixedAgentView update(HalSnapshot hal, List<Alarm> activeAlarms, Map<String, LaserForecast> forecasts,
      AgentStats stats) {
    latest = new AgentSnapshot(hal, activeAlarms, forecasts, stats);
    return this;
  }

  public FixedAgentView hal(HalSnapshot hal) {
    AgentSnapshot s = latest;
    latest = new AgentSnapshot(hal, s.activeAlarms(), s.forecasts(), s.stats());
    return this;
  }

  public FixedAgentView alarms(List<Alarm> activeAlarms) {
    AgentSnapshot s = latest;
    latest = new AgentSnapshot(s.hal(), activeAlarms, s.forecasts(), s.stats());
    return this;
  }

  public FixedAgentView history(List<Alarm> cleared) {
    history = List.copyOf(cleared);
    return this;
  }

  public DirectEventBus bus() {
    return bus;
  }

  @Override
  public Inventory inventory() {
    return latest.hal().inventory();
  }

  @Override
  public AgentSnapshot latest() {
    return latest;
  }

  @Override
  public List<Alarm> history() {
    return history;
  }

  @Override
  public EventBus events() {
    return bus;
  }

  /** Answers {@link #thresholds()} with {@code service} (e.g. a real ThresholdStore) instead of the map. */
  public FixedAgentView thresholds(ThresholdService service) {
    thresholds = service;
    return this;
  }

  @Override
  public ThresholdService thresholds() {
    ThresholdService real = thresholds;
    if (real != null) {
      return real;
    }
    return new ThresholdService() {
      @Override
      public ThresholdSet effective(String sensorId) {
        return overrides.getOrDefault(sensorId, ThresholdSet.NONE);
      }

      @Override
      public Map<String, ThresholdSet> overrides() {
        return Map.copyOf(overrides);
      }

      @Override
      public ThresholdSet set(String sensorId, ThresholdLevel level, double value, String by) {
        ThresholdSet next = effective(sensorId).with(level, value);
        overrides.put(sensorId, next);
        return next;
      }

      @Override
      public void setAll(Map<String, ThresholdSet> levels, String by) {
        overrides.putAll(levels);
      }
    };
  }

  /** Active alarms as a mutable copy, for tests that add or remove one. */
  public List<Alarm> activeAlarmsCopy() {
    return new ArrayList<>(latest.activeAlarms());
  }
}
