package dev.cpo.agent.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The agent's own user name and password on the embedded broker: only a connection that presents them
 * may publish under {@code cpo/v1/} (commands excepted) or use a reserved client id. When
 * {@code mqtt.username} is not configured, the password is 24 random bytes from {@link SecureRandom},
 * new for every run and held only in this process, so nobody else on the host can know or guess it.
 */
public final class AgentCredentials {

  /** The user name the agent presents when none is configured. */
  public static final String DEFAULT_USERNAME = "cpo-agent";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String username;
  private final byte[] password;

  private AgentCredentials(String username, byte[] password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = password.clone();
  }

  /** {@code mqtt.username}/{@code mqtt.password} when configured, else {@link #random()}. */
  public static AgentCredentials forEmbedded(MqttConfig mqtt) {
    return mqtt.username().isBlank() ? random()
        : new AgentCredentials(mqtt.username(), mqtt.password().getBytes(StandardCharsets.UTF_8));
  }

  /** {@value #DEFAULT_USERNAME} with a fresh random password. */
  public static AgentCredentials random() {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new AgentCredentials(DEFAULT_USERNAME, password.getBytes(StandardCharsets.UTF_8));
  }

  public String username() {
    return username;
  }

  /** The password as the MQTT client sends it. */
  public String password() {
    return new String(password, StandardCharsets.UTF_8);
  }

  /** Whether a CONNECT's user name and password are these, comparing the password in constant time. */
  public boolean matches(String user, byte[] presented) {
    return username.equals(user) && presented != null && MessageDigest.isEqual(password, presented);
  }

  /** The publisher's settings with these credentials. */
  MqttConfig applyTo(MqttConfig mqtt) {
    return mqtt.withCredentials(username, password());
  }

  @Override
  public String toString() {
    // Never the password: this object ends up in log lines and assertion messages.
    return "AgentCredentials[" + username + ", password ******]";
  }
}
