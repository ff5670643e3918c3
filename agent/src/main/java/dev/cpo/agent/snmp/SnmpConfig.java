package dev.cpo.agent.snmp;

import dev.cpo.agent.config.Checks;
import java.util.Objects;

/**
 * @param bind address the agent listens on
 * @param port udp port (0 picks a free one)
 * @param community v2c read-only community
 * @param noc the SNMPv3 read-only user {@code noc}
 * @param ops the SNMPv3 read-write user {@code ops}
 */
public record SnmpConfig(String bind, int port, String community, UsmUserConfig noc, UsmUserConfig ops) {

  /** The lab passphrases shipped in config/agent.yaml; the agent warns when they are used off loopback. */
  public static final UsmUserConfig DEFAULT_NOC = new UsmUserConfig("noc-auth-pass", "noc-priv-pass");

  /** See {@link #DEFAULT_NOC}. */
  public static final UsmUserConfig DEFAULT_OPS = new UsmUserConfig("ops-auth-pass", "ops-priv-pass");

  public SnmpConfig {
    Checks.notBlank("bind", bind);
    Checks.port("port", port);
    Checks.notBlank("community", community);
    Objects.requireNonNull(noc, "noc");
    Objects.requireNonNull(ops, "ops");
  }

  /** The three-field form older callers use, with the lab passphrases. */
  public SnmpConfig(String bind, int port, String community) {
    this(bind, port, community, DEFAULT_NOC, DEFAULT_OPS);
  }

  public SnmpConfig withPort(int newPort) {
    return new SnmpConfig(bind, newPort, community, noc, ops);
  }

  /**
   * Passphrases of one SNMPv3 USM user (authPriv: HMAC-SHA-256 authentication, AES-128 privacy).
   *
   * @param authPassphrase authentication passphrase, at least 8 characters (RFC 3414)
   * @param privPassphrase privacy passphrase, at least 8 characters
   */
  public record UsmUserConfig(String authPassphrase, String privPassphrase) {

    public UsmUserConfig {
      if (authPassphrase == null || authPassphrase.length() < 8) {
        throw new IllegalArgumentException("authPassphrase must have at least 8 characters");
      }
      if (privPassphrase == null || privPassphrase.length() < 8) {
        throw new IllegalArgumentException("privPassphrase must have at least 8 characters");
      }
    }

    @Override
    public String toString() {
      return "UsmUserConfig[passphrases hidden]";
    }
  }
}
