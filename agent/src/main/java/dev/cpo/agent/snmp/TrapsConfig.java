package dev.cpo.agent.snmp;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;
import java.util.List;

/**
 * Where notifications go: one v2c trap target (the default 127.0.0.1:1162) and any number of SNMPv3
 * inform targets.
 *
 * @param host the v2c trap target's address
 * @param port the v2c trap target's udp port
 * @param community the community the v2c traps carry
 * @param informs SNMPv3 inform targets (acknowledged, retried when unanswered)
 */
public record TrapsConfig(String host, int port, String community, List<InformTarget> informs) {

  /** The {@code traps:} section of agent.yaml. */
  public static final ConfigSection<TrapsConfig> SECTION = ConfigSection.of("traps", TrapsConfig.class);

  public TrapsConfig {
    Checks.notBlank("host", host);
    Checks.port("port", port);
    Checks.notBlank("community", community);
    informs = informs == null ? List.of() : List.copyOf(informs);
  }

  /** The two-field form older callers use: community {@code public}, no inform targets. */
  public TrapsConfig(String host, int port) {
    this(host, port, "public", List.of());
  }

  /** The same with these SNMPv3 inform targets. */
  public TrapsConfig withInforms(List<InformTarget> newInforms) {
    return new TrapsConfig(host, port, community, newInforms);
  }

  /**
   * One SNMPv3 inform target.
   *
   * @param host receiver address
   * @param port receiver udp port
   * @param user the USM user the informs are sent as: {@code noc} or {@code ops} (authPriv, their passphrases)
   * @param timeoutMs time to wait for the acknowledgement before a retry
   * @param retries retries after the first attempt
   */
  public record InformTarget(String host, int port, String user, long timeoutMs, int retries) {

    public InformTarget {
      Checks.notBlank("host", host);
      Checks.port("port", port);
      if (!"noc".equals(user) && !"ops".equals(user)) {
        throw new IllegalArgumentException("user must be noc or ops, was '" + user + "'");
      }
      Checks.positive("timeoutMs", timeoutMs);
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("retries must be in [0, 10], was " + retries);
      }
    }
  }
}
