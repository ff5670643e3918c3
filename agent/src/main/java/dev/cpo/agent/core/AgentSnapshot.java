package dev.cpo.agent.core;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.forecast.LaserForecast;
import dev.cpo.hal.HalSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything publishers read, as of one poll cycle. Immutable; a new one replaces it each cycle, so
 * an SNMP walk or an MQTT publish reads one consistent picture without touching the HAL.
 *
 * @param hal the HAL snapshot of the cycle (sensors marked unavailable where the read failed)
 * @param activeAlarms active alarms (roots and symptoms), ordered by raise time
 * @param forecasts laser forecasts by laser name
 * @param stats agent counters
 */
public record AgentSnapshot(HalSnapshot hal, List<Alarm> activeAlarms, Map<String, LaserForecast> forecasts,
    AgentStats stats) {

  public AgentSnapshot {
    Objects.requireNonNull(hal, "hal");
    activeAlarms = List.copyOf(activeAlarms);
    forecasts = Map.copyOf(forecasts);
    Objects.requireNonNull(stats, "stats");
  }
}
