package dev.cpo.agent.poll;

import dev.cpo.agent.config.Checks;

/**
 * @param fastIntervalMs interval for lasers, engines and ports (wall clock)
 * @param slowIntervalMs interval for slow sensors: coolant, fans, power (wall clock)
 * @param halTimeoutMs a HAL read slower than this is abandoned and its readings marked unavailable
 */
public record PollingConfig(long fastIntervalMs, long slowIntervalMs, long halTimeoutMs) {

  public PollingConfig {
    Checks.positive("fastIntervalMs", fastIntervalMs);
    Checks.positive("slowIntervalMs", slowIntervalMs);
    Checks.positive("halTimeoutMs", halTimeoutMs);
  }
}
