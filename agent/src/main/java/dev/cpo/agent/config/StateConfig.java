package dev.cpo.agent.config;

import java.nio.file.Path;

/**
 * Where the agent keeps what must survive a restart (SNMP engine boots, threshold overrides, the
 * embedded broker's store).
 *
 * @param dir a directory; empty means {@code $HOME/.local/state/cpo-agent/<switch id>}
 */
public record StateConfig(String dir) {

  public static final ConfigSection<StateConfig> SECTION = ConfigSection.of("state", StateConfig.class);

  public StateConfig {
    dir = dir == null ? "" : dir;
  }

  public Path resolve(String switchId) {
    if (!dir.isBlank()) {
      return Path.of(dir);
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "cpo-agent", switchId);
  }
}
