package dev.cpo.agent.control;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;
import java.util.Locale;

/**
 * @param bind address the control API listens on (loopback by default)
 * @param port tcp port (0 picks a free one)
 * @param token bearer token; required when bound to a non-loopback address, and checked whenever set
 */
public record ControlConfig(String bind, int port, String token) {

  /** The {@code control:} section of agent.yaml. */
  public static final ConfigSection<ControlConfig> SECTION = ConfigSection.of("control", ControlConfig.class);

  public ControlConfig {
    Checks.notBlank("bind", bind);
    Checks.port("port", port);
    token = token == null ? "" : token;
    if (!isLoopback(bind) && token.isBlank()) {
      throw new IllegalArgumentException("token must be set when bind (" + bind + ") is not a loopback address");
    }
  }

  /** Whether the bind address is loopback (127.0.0.0/8, ::1 or localhost); decided without DNS. */
  public boolean loopback() {
    return isLoopback(bind);
  }

  static boolean isLoopback(String address) {
    String a = address.trim().toLowerCase(Locale.ROOT);
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    return a.equals("localhost") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")
        || a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
