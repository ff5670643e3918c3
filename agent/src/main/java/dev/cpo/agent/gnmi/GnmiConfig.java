package dev.cpo.agent.gnmi;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;
import dev.cpo.agent.control.ControlConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The {@code gnmi} config section.
 *
 * @param bind address the gNMI target listens on (loopback by default)
 * @param port tcp port (default 9339, the IANA-assigned gNMI port; 0 picks a free one)
 * @param tls PEM certificate and PKCS#8 key; required when {@code bind} is not loopback
 * @param readOnly the user who may call Capabilities, Get and Subscribe
 * @param readWrite the user who may also Set threshold levels
 * @param queueBytes what one subscription may have queued for a client that does not read (besides one dump of
 *     every subscribed value: the initial updates, a ONCE, a POLL), before the
 *     stream is closed with RESOURCE_EXHAUSTED
 * @param minSampleIntervalMs the shortest SAMPLE interval accepted (shorter ones are refused)
 */
public record GnmiConfig(String bind, int port, Tls tls, User readOnly, User readWrite, long queueBytes,
    long minSampleIntervalMs) {

  public static final ConfigSection<GnmiConfig> SECTION = ConfigSection.of("gnmi", GnmiConfig.class);

  public GnmiConfig {
    Checks.bindAddress("bind", bind);
    Checks.port("port", port);
    tls = tls == null ? new Tls("", "") : tls;
    Checks.notBlank("readOnly.username", readOnly == null ? null : readOnly.username());
    Checks.notBlank("readWrite.username", readWrite == null ? null : readWrite.username());
    if (readOnly.username().equals(readWrite.username())) {
      throw new IllegalArgumentException("readOnly.username and readWrite.username must differ, both are '"
          + readOnly.username() + "'");
    }
    Checks.positive("queueBytes", queueBytes);
    Checks.positive("minSampleIntervalMs", minSampleIntervalMs);
    if (!ControlConfig.isLoopback(bind)) {
      if (!tls.enabled()) {
        throw new IllegalArgumentException("tls.certFile and tls.keyFile must be set when bind (" + bind
            + ") is not a loopback address");
      }
      if (readOnly.password().isEmpty() || readWrite.password().isEmpty()) {
        throw new IllegalArgumentException("readOnly.password and readWrite.password must be set when bind ("
            + bind + ") is not a loopback address");
      }
    }
  }

  /** PEM files for TLS; both empty for plaintext. */
  public record Tls(String certFile, String keyFile) {
    public Tls {
      certFile = certFile == null ? "" : certFile;
      keyFile = keyFile == null ? "" : keyFile;
      if (certFile.isEmpty() != keyFile.isEmpty()) {
        throw new IllegalArgumentException("tls.certFile and tls.keyFile go together: set both or neither");
      }
    }

    public boolean enabled() {
      return !certFile.isEmpty();
    }
  }

  /** A username and password, sent by clients as the {@code username} and {@code password} call metadata. */
  public record User(String username, String password) {
    public User {
      password = password == null ? "" : password;
    }

    boolean accepts(String user, String pass) {
      return username.equals(user) && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
          (pass == null ? "" : pass).getBytes(StandardCharsets.UTF_8));
    }
  }

  public boolean loopback() {
    return ControlConfig.isLoopback(bind);
  }

  /** Whether every call must carry credentials: always off loopback, and whenever TLS is on. */
  public boolean credentialsRequired() {
    return !loopback() || tls.enabled();
  }

  /** The role those credentials give, if they are right. */
  Optional<GnmiAuth.Role> authenticate(String user, String pass) {
    if (readWrite.accepts(user, pass)) {
      return Optional.of(GnmiAuth.Role.READ_WRITE);
    }
    if (readOnly.accepts(user, pass)) {
      return Optional.of(GnmiAuth.Role.READ_ONLY);
    }
    return Optional.empty();
  }

  public GnmiConfig withPort(int newPort) {
    return new GnmiConfig(bind, newPort, tls, readOnly, readWrite, queueBytes, minSampleIntervalMs);
  }

  public GnmiConfig withBind(String newBind) {
    return new GnmiConfig(newBind, port, tls, readOnly, readWrite, queueBytes, minSampleIntervalMs);
  }

  public GnmiConfig withTls(Tls newTls) {
    return new GnmiConfig(bind, port, newTls, readOnly, readWrite, queueBytes, minSampleIntervalMs);
  }

  public GnmiConfig withQueueBytes(long bytes) {
    return new GnmiConfig(bind, port, tls, readOnly, readWrite, bytes, minSampleIntervalMs);
  }
}
