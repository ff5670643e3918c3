package dev.cpo.agent.snmp;

import dev.cpo.agent.config.Checks;

/**
 * @param bind address the agent listens on
 * @param port udp port (0 picks a free one)
 * @param community v2c read-only community
 */
public record SnmpConfig(String bind, int port, String community) {

  public SnmpConfig {
    Checks.notBlank("bind", bind);
    Checks.port("port", port);
    Checks.notBlank("community", community);
  }
}
