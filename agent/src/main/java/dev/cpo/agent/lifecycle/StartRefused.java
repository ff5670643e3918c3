package dev.cpo.agent.lifecycle;

import java.net.BindException;
import java.util.Locale;
import java.util.Objects;

/**
 * A component cannot start for a reason the operator can act on (a port in use, an address not of this
 * host, a state file that cannot be stored): its message is one line naming the config key, printed as
 * {@code error: <message>}, and the command exits 2 as for a bad config. Anything else a start throws is
 * a fault of the product.
 */
public final class StartRefused extends Exception {

  private final String key;

  /**
   * @param key the config key the operator changes, e.g. {@code snmp.port}
   * @param message one line starting with the key, e.g. {@code snmp.port 1161: address already in use (udp 127.0.0.1)}
   */
  public StartRefused(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The config key the message names. */
  public String key() {
    return key;
  }

  /**
   * A listening socket that could not be bound, in the one shape every component uses:
   * {@code snmp.port 1161: address already in use (udp 127.0.0.1)}, or, when the address is what is
   * wrong, {@code snmp.bind 10.9.9.9: cannot assign requested address, not an address of this host (udp port 1161)}.
   *
   * @param portKey the port's key, e.g. {@code control.port}
   * @param bindKey the address's key, e.g. {@code control.bind}, or null when the address is fixed
   * @param protocol {@code udp} or {@code tcp}
   * @param address the address as configured
   * @param port the port as configured (0: a free one was asked for)
   * @param cause the bind failure (its innermost message is the operating system's)
   */
  public static StartRefused bind(String portKey, String bindKey, String protocol, String address, int port,
      Throwable cause) {
    String os = innermostMessage(cause);
    String lower = os.toLowerCase(Locale.ROOT);
    if (bindKey != null && (lower.contains("cannot assign requested address")
        || lower.contains("address not available"))) {
      return new StartRefused(bindKey, bindKey + " " + address + ": cannot assign requested address, not an address"
          + " of this host (" + protocol + " port " + port + ")", cause);
    }
    String why;
    if (lower.contains("address already in use")) {
      why = "address already in use";
    } else if (lower.contains("permission denied") || lower.contains("access denied")) {
      why = "permission denied (a port below 1024 needs root or CAP_NET_BIND_SERVICE)";
    } else {
      why = os.isEmpty() ? cause.getClass().getSimpleName() : Character.toLowerCase(os.charAt(0)) + os.substring(1);
    }
    return new StartRefused(portKey, portKey + " " + port + ": " + why + " (" + protocol + " " + address + ")", cause);
  }

  /** Whether {@code t} or one of its causes is a {@link BindException}. */
  public static boolean isBindFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BindException || c.getMessage() != null
          && c.getMessage().toLowerCase(Locale.ROOT).contains("address already in use")) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static String innermostMessage(Throwable t) {
    String message = "";
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    return message.strip();
  }
}
