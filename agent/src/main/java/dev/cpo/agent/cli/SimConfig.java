package dev.cpo.agent.cli;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;

/**
 * @param profile hardware profile name (config/profiles/NAME.yaml) or a path to a profile file
 * @param seed random seed of the simulator's noise
 * @param timeScale simulated seconds per wall-clock second
 * @param load traffic load per port, 0..1
 */
public record SimConfig(String profile, long seed, double timeScale, double load) {

  public static final ConfigSection<SimConfig> SECTION = ConfigSection.of("sim", SimConfig.class);

  public SimConfig {
    Checks.notBlank("profile", profile);
    Checks.range("timeScale", timeScale, 1e-6, 1_000_000);
    Checks.range("load", load, 0, 1);
  }
}
