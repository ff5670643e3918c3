package dev.cpo.agent.control;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;
import java.util.List;
import java.util.Locale;

/**
 * @param bind address the control API listens on (loopback by default)
 * @param port tcp port (0 picks a free one)
 * @param token bearer token; required when bound to a non-loopback address, and checked whenever set;
 *     at least {@value #MIN_TOKEN_CHARS} characters
 * @param allowedHosts host names (without port) that requests may name in their Host header besides
 *     loopback names and addresses (bound to loopback) or the bind address (bound elsewhere); with
 *     none, a server bound elsewhere than loopback takes any Host (its token protects it)
 * @param idleTimeoutSeconds a connection that sends and receives nothing this long is closed (positive)
 */
public record ControlConfig(String bind, int port, String token, List<String> allowedHosts,
    Integer idleTimeoutSeconds) {

  /** Shortest bearer token accepted: 16 characters, about 96 bits when random base64. */
  public static final int MIN_TOKEN_CHARS = 16;
  static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

  /** The {@code control:} section of agent.yaml. */
  public static final ConfigSection<ControlConfig> SECTION = ConfigSection.of("control", ControlConfig.class);

  public ControlConfig {
    Checks.bindAddress("bind", bind);
    Checks.port("port", port);
    token = token == null ? "" : token;
    if (!isLoopback(bind) && token.isBlank()) {
      throw new IllegalArgumentException("token must be set when bind (" + bind + ") is not a loopback address");
    }
    if (!token.isEmpty() && token.length() < MIN_TOKEN_CHARS) {
      throw new IllegalArgumentException("token must be at least " + MIN_TOKEN_CHARS + " characters, was "
          + token.length() + " (e.g. openssl rand -base64 24)");
    }
    if (!token.isEmpty() && !token.matches("[\\x21-\\x7e]+")) {
      throw new IllegalArgumentException("token must be printable ASCII without spaces");
    }
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    for (String h : allowedHosts) {
      if (h == null || h.isBlank() || h.contains(":") && !h.startsWith("[") || h.contains("/")) {
        throw new IllegalArgumentException("allowedHosts must be host names or addresses without a port, was '"
            + h + "'");
      }
    }
    idleTimeoutSeconds = idleTimeoutSeconds == null ? DEFAULT_IDLE_TIMEOUT_SECONDS : idleTimeoutSeconds;
    if (idleTimeoutSeconds < 1) {
      throw new IllegalArgumentException("idleTimeoutSeconds must be at least 1, was " + idleTimeoutSeconds);
    }
  }

  /** Bind, port and token; no extra host names, the default idle timeout. */
  public ControlConfig(String bind, int port, String token) {
    this(bind, port, token, List.of(), DEFAULT_IDLE_TIMEOUT_SECONDS);
  }

  /** Whether the bind address is loopback (127.0.0.0/8, ::1 or localhost); decided without DNS. */
  public boolean loopback() {
    return isLoopback(bind);
  }

  public static boolean isLoopback(String address) {
    String a = address.trim().toLowerCase(Locale.ROOT);
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    return a.equals("localhost") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")
        || a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
