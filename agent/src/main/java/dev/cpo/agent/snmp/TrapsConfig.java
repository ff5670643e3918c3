package dev.cpo.agent.snmp;

import dev.cpo.agent.config.Checks;

/**
 * @param host the default v2c trap target's address
 * @param port the default v2c trap target's udp port
 */
public record TrapsConfig(String host, int port) {

  public TrapsConfig {
    Checks.notBlank("host", host);
    Checks.port("port", port);
  }
}
