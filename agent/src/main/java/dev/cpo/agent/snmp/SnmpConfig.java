package dev.cpo.agent.snmp;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;
import java.util.List;
import java.util.Objects;

/**
 * @param bind address the agent listens on
 * @param port udp port (0 picks a free one)
 * @param community v2c read-only community
 * @param communitySources networks (CIDR) the v2c community is accepted from; loopback by default
 * @param noc the SNMPv3 read-only user {@code noc}
 * @param ops the SNMPv3 read-write user {@code ops}
 */
public record SnmpConfig(String bind, int port, String community, List<String> communitySources, UsmUserConfig noc,
    UsmUserConfig ops) {

  /** The {@code snmp:} section of agent.yaml. */
  public static final ConfigSection<SnmpConfig> SECTION = ConfigSection.of("snmp", SnmpConfig.class);

  /** IPv4 and IPv6 loopback. */
  public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

  /** The lab passphrases shipped in config/agent.yaml; the agent warns when they are used off loopback. */
  public static final UsmUserConfig DEFAULT_NOC = new UsmUserConfig("noc-auth-pass", "noc-priv-pass");

  /** See {@link #DEFAULT_NOC}. */
  public static final UsmUserConfig DEFAULT_OPS = new UsmUserConfig("ops-auth-pass", "ops-priv-pass");

  public SnmpConfig {
    Checks.bindAddress("bind", bind);
    Checks.port("port", port);
    Checks.notBlank("community", community);
    communitySources = List.copyOf(Objects.requireNonNull(communitySources, "communitySources"));
    for (String cidr : communitySources) {
      Checks.cidr("communitySources", cidr);
    }
    Objects.requireNonNull(noc, "noc");
    Objects.requireNonNull(ops, "ops");
  }

  /** The three-field form older callers use: loopback sources, the lab passphrases. */
  public SnmpConfig(String bind, int port, String community) {
    this(bind, port, community, LOOPBACK, DEFAULT_NOC, DEFAULT_OPS);
  }

  /** The same with another port (0 picks a free one). */
  public SnmpConfig withPort(int newPort) {
    return new SnmpConfig(bind, newPort, community, communitySources, noc, ops);
  }

  /** The same with other networks (CIDR) the v2c community is accepted from. */
  public SnmpConfig withCommunitySources(List<String> sources) {
    return new SnmpConfig(bind, port, community, sources, noc, ops);
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
