package dev.cpo.agent.config;

/** @param id the switch id used in MQTT topics and logs */
public record SwitchConfig(String id) {

  public static final ConfigSection<SwitchConfig> SECTION = ConfigSection.of("switch", SwitchConfig.class);

  public SwitchConfig {
    Checks.notBlank("id", id);
    if (!id.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("id may hold only letters, digits, '_', '.' and '-' (it is an MQTT topic level), was '" + id + "'");
    }
  }
}
