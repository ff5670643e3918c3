package dev.cpo.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.control.ControlConfig;
import dev.cpo.agent.gnmi.GnmiConfig;
import dev.cpo.agent.forecast.ForecastConfig;
import dev.cpo.agent.mqtt.MqttConfig;
import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.TrapsConfig;
import java.util.Objects;

/**
 * The whole agent configuration, as bound from {@code config/agent.yaml} merged over the built-in
 * defaults. Each section is validated by its own record.
 */
public record AgentConfig(
    @JsonProperty("switch") SwitchConfig switchConfig,
    SimConfig sim,
    PollingConfig polling,
    AlarmsConfig alarms,
    ForecastConfig forecast,
    SnmpConfig snmp,
    TrapsConfig traps,
    MqttConfig mqtt,
    ControlConfig control,
    GnmiConfig gnmi,
    StateConfig state) {

  public AgentConfig {
    Objects.requireNonNull(switchConfig, "switch");
    Objects.requireNonNull(sim, "sim");
    Objects.requireNonNull(polling, "polling");
    Objects.requireNonNull(alarms, "alarms");
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(snmp, "snmp");
    Objects.requireNonNull(traps, "traps");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(gnmi, "gnmi");
    Objects.requireNonNull(state, "state");
  }

  /** The built-in defaults (the bundled copy of config/agent.yaml). */
  public static AgentConfig defaults() {
    try {
      return ConfigLoader.load(null, java.util.List.of());
    } catch (ConfigException e) {
      throw new IllegalStateException("built-in defaults are invalid: " + e.getMessage(), e);
    }
  }
}
