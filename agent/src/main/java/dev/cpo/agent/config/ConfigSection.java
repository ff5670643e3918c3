package dev.cpo.agent.config;

import java.util.Objects;

/**
 * A typed key for one top-level section of {@code agent.yaml}: its name and the record it binds to.
 * Each component declares its own, next to its record (e.g. {@code SnmpConfig.SECTION}); the
 * composition root passes the list of sections the product has to {@link ConfigLoader#load}, and
 * components read theirs with {@link AgentConfig#get(ConfigSection)}.
 *
 * @param name the top-level key in agent.yaml, e.g. {@code snmp}
 * @param type the record the section binds to; its compact constructor validates the values, throwing
 *     {@link IllegalArgumentException} with a message that starts with the field name
 */
public record ConfigSection<T>(String name, Class<T> type) {

  public ConfigSection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!name.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("a config section name is one YAML key in lowerCamelCase, was '" + name + "'");
    }
  }

  public static <T> ConfigSection<T> of(String name, Class<T> type) {
    return new ConfigSection<>(name, type);
  }

  /** This section as the bundled defaults (config/agent.yaml) give it. */
  public T defaults() {
    try {
      return ConfigLoader.load(null, java.util.List.of(), java.util.List.of(this)).get(this);
    } catch (ConfigException e) {
      throw new IllegalStateException("built-in defaults of section '" + name + "' are invalid: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
