package dev.cpo.agent.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole agent configuration, as bound from {@code config/agent.yaml} merged over the built-in
 * defaults: one validated record per {@link ConfigSection} the product declared. A component reads its
 * own section with {@link #get(ConfigSection)}; this class knows none of them except the two that
 * every part of the agent shares ({@link SwitchConfig#SECTION}, {@link StateConfig#SECTION}).
 */
public final class AgentConfig {

  private final Map<ConfigSection<?>, Object> sections;
  private final java.util.function.UnaryOperator<String> origins;

  AgentConfig(Map<ConfigSection<?>, Object> sections, java.util.function.UnaryOperator<String> origins) {
    this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    this.origins = Objects.requireNonNull(origins, "origins");
  }

  /**
   * Where a dotted key's value came from, for a message about it found after loading (e.g. an address
   * that is not of this host): {@code " (agent.yaml line 31)"}, {@code " (from --set)"}, or empty when
   * it is a built-in default.
   */
  public String origin(String key) {
    return origins.apply(key);
  }

  /**
   * The section's record.
   *
   * @throws IllegalArgumentException when the section was not among those the config was loaded with
   */
  public <T> T get(ConfigSection<T> section) {
    Object value = sections.get(section);
    if (value == null) {
      throw new IllegalArgumentException("config section '" + section.name() + "' was not loaded (loaded: "
          + sections.keySet() + ")");
    }
    return section.type().cast(value);
  }

  /** Whether the config was loaded with this section. */
  public boolean has(ConfigSection<?> section) {
    return sections.containsKey(section);
  }

  /** The sections, in the order they were declared. */
  public List<ConfigSection<?>> sections() {
    return new ArrayList<>(sections.keySet());
  }

  /** {@code switch.id}: the switch id used in MQTT topics and logs. */
  public String switchId() {
    return get(SwitchConfig.SECTION).id();
  }

  /** The state directory of this switch (SNMP engine boots, threshold overrides, the broker's store). */
  public Path stateDir() {
    return get(StateConfig.SECTION).resolve(switchId());
  }

  /** The sections by name, as they serialise (the reload compares two configs key by key). */
  @JsonValue
  public Map<String, Object> byName() {
    Map<String, Object> out = new LinkedHashMap<>();
    sections.forEach((k, v) -> out.put(k.name(), v));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentConfig other && sections.equals(other.sections);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sections);
  }

  @Override
  public String toString() {
    return "AgentConfig" + byName();
  }
}
