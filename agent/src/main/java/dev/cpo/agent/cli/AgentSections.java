package dev.cpo.agent.cli;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.ConfigLoader;
import dev.cpo.agent.config.ConfigSection;
import dev.cpo.agent.config.StateConfig;
import dev.cpo.agent.config.SwitchConfig;
import dev.cpo.agent.console.ConsoleConfig;
import dev.cpo.agent.control.ControlConfig;
import dev.cpo.agent.forecast.ForecastConfig;
import dev.cpo.agent.gnmi.GnmiConfig;
import dev.cpo.agent.mqtt.MqttConfig;
import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.TrapsConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The config sections this product has, in agent.yaml's order: the composition root's one list. A new
 * component adds its {@code SECTION} here (and its defaults to config/agent.yaml); nothing in
 * {@code dev.cpo.agent.config} changes.
 */
public final class AgentSections {

  /** Every section {@code run}, {@code check-config} and the tests load. */
  public static final List<ConfigSection<?>> ALL = List.of(
      SwitchConfig.SECTION,
      SimConfig.SECTION,
      PollingConfig.SECTION,
      AlarmsConfig.SECTION,
      ForecastConfig.SECTION,
      SnmpConfig.SECTION,
      TrapsConfig.SECTION,
      MqttConfig.SECTION,
      ControlConfig.SECTION,
      GnmiConfig.SECTION,
      ConsoleConfig.SECTION,
      StateConfig.SECTION);

  private AgentSections() {}

  /** Loads every section: {@code file} (or the defaults alone when null) and the {@code --set} overrides. */
  public static AgentConfig load(Path file, List<String> sets) throws ConfigException {
    return ConfigLoader.load(file, sets, ALL);
  }

  /** Every section's built-in defaults (the bundled copy of config/agent.yaml). */
  public static AgentConfig defaults() {
    try {
      return load(null, List.of());
    } catch (ConfigException e) {
      throw new IllegalStateException("built-in defaults are invalid: " + e.getMessage(), e);
    }
  }
}
