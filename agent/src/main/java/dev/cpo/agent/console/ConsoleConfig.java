package dev.cpo.agent.console;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.config.ConfigSection;
import java.time.Duration;

/**
 * The {@code console} section of agent.yaml.
 *
 * @param enabled whether the control server serves the console, its event stream and history
 * @param scenarios the folder the scenario runner lists (relative to the working directory); when it is
 *     no folder, the examples bundled in the jar are listed
 * @param historyMinutes simulated time the trend history keeps
 * @param historyResolutionSeconds simulated time between two history samples
 */
public record ConsoleConfig(boolean enabled, String scenarios, int historyMinutes, int historyResolutionSeconds) {

  public static final ConfigSection<ConsoleConfig> SECTION = ConfigSection.of("console", ConsoleConfig.class);

  public ConsoleConfig {
    Checks.notBlank("scenarios", scenarios);
    Checks.range("historyMinutes", historyMinutes, 1, 24 * 60);
    Checks.range("historyResolutionSeconds", historyResolutionSeconds, 1, 3600);
    if (historyResolutionSeconds > historyMinutes * 60) {
      throw new IllegalArgumentException("historyResolutionSeconds must be at most historyMinutes x 60, was "
          + historyResolutionSeconds + " over " + historyMinutes + " minutes");
    }
  }

  public Duration historyWindow() {
    return Duration.ofMinutes(historyMinutes);
  }

  public Duration historyResolution() {
    return Duration.ofSeconds(historyResolutionSeconds);
  }
}
