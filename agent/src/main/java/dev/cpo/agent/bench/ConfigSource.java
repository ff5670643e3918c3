package dev.cpo.agent.bench;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import java.util.List;

/** The agent's config from the built-in defaults and {@code --set} overrides, as the composition root loads it. */
@FunctionalInterface
public interface ConfigSource {

  AgentConfig load(List<String> sets) throws ConfigException;
}
