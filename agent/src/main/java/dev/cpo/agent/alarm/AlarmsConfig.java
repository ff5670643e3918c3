package dev.cpo.agent.alarm;

import dev.cpo.agent.config.Checks;

/**
 * @param historySize how many cleared alarms to keep
 * @param thresholdsFile the threshold defaults and overrides file
 * @param policiesFile the protective-action policies file
 */
public record AlarmsConfig(int historySize, String thresholdsFile, String policiesFile) {

  public AlarmsConfig {
    Checks.positive("historySize", historySize);
    Checks.notBlank("thresholdsFile", thresholdsFile);
    Checks.notBlank("policiesFile", policiesFile);
  }
}
