package dev.cpo.agent.mqtt;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;
import dev.cpo.hal.EntityClass;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code mqtt} section of the agent configuration.
 *
 * @param url {@code embedded}, or {@code tcp://host:port} / {@code ssl://host:port} of an external MQTT 5 broker
 * @param clientId MQTT client id; empty means {@code cpo-agent-<switch id>}
 * @param username user name for the broker, empty for none
 * @param password password for the broker, empty for none
 * @param tls TLS settings, used with {@code ssl://} urls
 * @param keepAliveSeconds MQTT keep-alive
 * @param willDelaySeconds how long the broker waits before publishing the offline will, so a brief
 *     reconnect does not flap the status
 * @param sessionExpirySeconds how long the broker keeps the session after a disconnect; must exceed the
 *     will delay, or the will is published at once
 * @param reconnect backoff of the connection supervisor
 * @param bufferMessages messages kept while the broker is unreachable (retained topics are coalesced,
 *     so this bounds events and telemetry)
 * @param telemetry periodic telemetry
 * @param embedded settings of the embedded broker
 */
public record MqttConfig(String url, String clientId, String username, String password, Tls tls,
    int keepAliveSeconds, int willDelaySeconds, int sessionExpirySeconds, Reconnect reconnect, int bufferMessages,
    Telemetry telemetry, Embedded embedded) {

  /** The {@code mqtt:} section of agent.yaml. */
  public static final ConfigSection<MqttConfig> SECTION = ConfigSection.of("mqtt", MqttConfig.class);

  public MqttConfig {
    Checks.notBlank("url", url);
    if (!url.equals("embedded") && !url.startsWith("tcp://") && !url.startsWith("ssl://")) {
      throw new IllegalArgumentException("url must be 'embedded', tcp://host:port or ssl://host:port, was '" + url + "'");
    }
    clientId = clientId == null ? "" : clientId;
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    if (tls == null) {
      tls = new Tls("", "", "");
    }
    Checks.positive("keepAliveSeconds", keepAliveSeconds);
    if (willDelaySeconds < 0) {
      throw new IllegalArgumentException("willDelaySeconds must be >= 0, was " + willDelaySeconds);
    }
    if (sessionExpirySeconds <= willDelaySeconds) {
      throw new IllegalArgumentException("sessionExpirySeconds must be greater than willDelaySeconds ("
          + willDelaySeconds + "), was " + sessionExpirySeconds);
    }
    java.util.Objects.requireNonNull(reconnect, "reconnect");
    Checks.positive("bufferMessages", bufferMessages);
    java.util.Objects.requireNonNull(telemetry, "telemetry");
    java.util.Objects.requireNonNull(embedded, "embedded");
  }

  public boolean isEmbedded() {
    return url.equals("embedded");
  }

  public MqttConfig withUrl(String newUrl) {
    return new MqttConfig(newUrl, clientId, username, password, tls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, reconnect, bufferMessages, telemetry, embedded);
  }

  public MqttConfig withClientId(String newClientId) {
    return new MqttConfig(url, newClientId, username, password, tls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, reconnect, bufferMessages, telemetry, embedded);
  }

  public MqttConfig withCredentials(String newUsername, String newPassword) {
    return new MqttConfig(url, clientId, newUsername, newPassword, tls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, reconnect, bufferMessages, telemetry, embedded);
  }

  public MqttConfig withTls(Tls newTls) {
    return new MqttConfig(url, clientId, username, password, newTls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, reconnect, bufferMessages, telemetry, embedded);
  }

  public MqttConfig withWillDelaySeconds(int seconds) {
    return new MqttConfig(url, clientId, username, password, tls, keepAliveSeconds, seconds,
        Math.max(sessionExpirySeconds, seconds + 1), reconnect, bufferMessages, telemetry, embedded);
  }

  public MqttConfig withReconnect(Reconnect newReconnect) {
    return new MqttConfig(url, clientId, username, password, tls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, newReconnect, bufferMessages, telemetry, embedded);
  }

  public MqttConfig withBufferMessages(int messages) {
    return new MqttConfig(url, clientId, username, password, tls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, reconnect, messages, telemetry, embedded);
  }

  public MqttConfig withTelemetry(Telemetry newTelemetry) {
    return new MqttConfig(url, clientId, username, password, tls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, reconnect, bufferMessages, newTelemetry, embedded);
  }

  public MqttConfig withEmbedded(Embedded newEmbedded) {
    return new MqttConfig(url, clientId, username, password, tls, keepAliveSeconds, willDelaySeconds,
        sessionExpirySeconds, reconnect, bufferMessages, telemetry, newEmbedded);
  }

  /**
   * TLS to an external broker. The server's certificate is always verified (chain and host name).
   *
   * @param caFile PEM file of the CA certificate(s) that sign the broker's certificate; empty means the
   *     JVM's default trust store
   * @param certFile PEM client certificate (chain) for mutual TLS, empty for none
   * @param keyFile PEM PKCS#8 unencrypted private key of {@code certFile} (RSA or EC), empty for none
   */
  public record Tls(String caFile, String certFile, String keyFile) {
    public Tls {
      caFile = caFile == null ? "" : caFile;
      certFile = certFile == null ? "" : certFile;
      keyFile = keyFile == null ? "" : keyFile;
      if (certFile.isBlank() != keyFile.isBlank()) {
        throw new IllegalArgumentException("certFile and keyFile must be given together (mutual TLS), or neither");
      }
    }

    public boolean clientCertificate() {
      return !certFile.isBlank();
    }
  }

  /**
   * Full-jitter exponential backoff: attempt n waits a random time in [0, min(maxDelayMs, initialDelayMs * 2^n)].
   *
   * @param initialDelayMs cap of the first retry's delay
   * @param maxDelayMs cap of any delay
   */
  public record Reconnect(long initialDelayMs, long maxDelayMs) {
    public Reconnect {
      Checks.positive("initialDelayMs", initialDelayMs);
      if (maxDelayMs < initialDelayMs) {
        throw new IllegalArgumentException("maxDelayMs must be >= initialDelayMs (" + initialDelayMs + "), was " + maxDelayMs);
      }
    }
  }

  /**
   * @param intervalsMs telemetry interval per entity class key ({@code laser}, {@code port}, ...); 0 turns
   *     the class off
   */
  public record Telemetry(Map<String, Long> intervalsMs) {

    private static final Set<String> CLASSES =
        Arrays.stream(EntityClass.values()).map(EntityClass::key).collect(Collectors.toUnmodifiableSet());

    public Telemetry {
      intervalsMs = Map.copyOf(intervalsMs);
      for (Map.Entry<String, Long> e : intervalsMs.entrySet()) {
        if (!CLASSES.contains(e.getKey())) {
          throw new IllegalArgumentException("intervalsMs." + e.getKey() + " is not an entity class; expected one of "
              + CLASSES.stream().sorted().collect(Collectors.joining(", ")));
        }
        if (e.getValue() == null || e.getValue() < 0) {
          throw new IllegalArgumentException("intervalsMs." + e.getKey() + " must be >= 0 (0 turns it off), was " + e.getValue());
        }
      }
    }

    /** Every class at the same interval. */
    public static Telemetry every(long intervalMs) {
      Map<String, Long> m = new LinkedHashMap<>();
      for (EntityClass c : EntityClass.values()) {
        m.put(c.key(), intervalMs);
      }
      return new Telemetry(m);
    }

    /** The interval of a class; 0 when off or not listed. */
    public long intervalMs(EntityClass entityClass) {
      return intervalsMs.getOrDefault(entityClass.key(), 0L);
    }
  }

  /**
   * The embedded broker: always on 127.0.0.1, anonymous (loopback only), in memory.
   *
   * @param port tcp port (0 picks a free one)
   * @param maxMessageBytes largest MQTT packet it accepts
   */
  public record Embedded(int port, int maxMessageBytes) {
    public Embedded {
      Checks.port("port", port);
      if (maxMessageBytes < 8192) {
        throw new IllegalArgumentException("maxMessageBytes must be >= 8192, was " + maxMessageBytes);
      }
    }

    public Embedded withPort(int newPort) {
      return new Embedded(newPort, maxMessageBytes);
    }
  }
}
