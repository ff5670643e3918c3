package dev.cpo.agent.poll;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;

/**
 * @param fastIntervalMs interval for lasers, engines and ports (wall clock)
 * @param slowIntervalMs interval for slow sensors: coolant, fans, power (wall clock)
 * @param halTimeoutMs a HAL read slower than this is abandoned and its readings marked unavailable
 */
public record PollingConfig(long fastIntervalMs, long slowIntervalMs, long halTimeoutMs) {

  /** The {@code polling:} section of agent.yaml. */
  public static final ConfigSection<PollingConfig> SECTION = ConfigSection.of("polling", PollingConfig.class);

  public PollingConfig {
    Checks.positive("fastIntervalMs", fastIntervalMs);
    Checks.positive("slowIntervalMs", slowIntervalMs);
    Checks.positive("halTimeoutMs", halTimeoutMs);
  }
}
