package dev.cpo.agent.forecast;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;

/**
 * @param horizonDays raise the forecast warning when projected end of life is closer than this
 * @param windowDays the bias trend is fitted over this much (HAL clock) history
 * @param endOfLifeBiasIncreasePercent end of life is this much bias over beginning of life
 * @param beginningOfLifeBiasMilliamps a new laser's bias (DOMAIN.md: about 350 mA, estimate)
 */
public record ForecastConfig(double horizonDays, double windowDays, double endOfLifeBiasIncreasePercent,
    double beginningOfLifeBiasMilliamps) {

  /** The {@code forecast:} section of agent.yaml. */
  public static final ConfigSection<ForecastConfig> SECTION = ConfigSection.of("forecast", ForecastConfig.class);

  public ForecastConfig {
    Checks.range("horizonDays", horizonDays, 0.001, 3650);
    Checks.range("windowDays", windowDays, 0.001, 3650);
    Checks.range("endOfLifeBiasIncreasePercent", endOfLifeBiasIncreasePercent, 1, 500);
    Checks.range("beginningOfLifeBiasMilliamps", beginningOfLifeBiasMilliamps, 1, 6553.5);
  }
}
