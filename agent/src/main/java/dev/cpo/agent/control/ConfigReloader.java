package dev.cpo.agent.control;

import dev.cpo.agent.config.ConfigException;
import java.util.List;

/**
 * Reloads the configuration for {@code POST /api/v1/config/reload}. The agent core implements it;
 * {@code run} supplies a simple one until then.
 */
@FunctionalInterface
public interface ConfigReloader {

  /**
   * Reads the config again and applies what can change at run time.
   *
   * @return what changed
   * @throws ConfigException when the new config is invalid; the running config is kept unchanged
   */
  Outcome reload() throws ConfigException;

  /**
   * @param source where the config was read from (a file, or {@code defaults})
   * @param applied dotted keys whose new values took effect
   * @param restartRequired dotted keys that changed but take effect only after a restart
   */
  record Outcome(String source, List<String> applied, List<String> restartRequired) {

    public Outcome {
      applied = List.copyOf(applied);
      restartRequired = List.copyOf(restartRequired);
    }
  }
}
