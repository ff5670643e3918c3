package dev.cpo.agent.control;

import dev.cpo.agent.config.Checks;

/**
 * @param bind address the control API listens on (loopback by default)
 * @param port tcp port (0 picks a free one)
 * @param token bearer token required when bound to a non-loopback address
 */
public record ControlConfig(String bind, int port, String token) {

  public ControlConfig {
    Checks.notBlank("bind", bind);
    Checks.port("port", port);
    token = token == null ? "" : token;
  }
}
