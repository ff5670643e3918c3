package dev.cpo.agent.alarm;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;

/**
 * @param historySize how many cleared alarms to keep
 * @param thresholdsFile the threshold defaults and overrides file
 * @param policiesFile the protective-action policies file
 */
public record AlarmsConfig(int historySize, String thresholdsFile, String policiesFile) {

  /** The {@code alarms:} section of agent.yaml. */
  public static final ConfigSection<AlarmsConfig> SECTION = ConfigSection.of("alarms", AlarmsConfig.class);

  public AlarmsConfig {
    Checks.positive("historySize", historySize);
    Checks.notBlank("thresholdsFile", thresholdsFile);
    Checks.notBlank("policiesFile", policiesFile);
  }
}
