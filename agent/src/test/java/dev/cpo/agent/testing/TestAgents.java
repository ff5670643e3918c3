package dev.cpo.agent.testing;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Agent configurations for tests: the defaults, state kept in a test directory, plus overrides. */
public final class TestAgents {

  private TestAgents() {}

  public static AgentConfig config(Path stateDir, String... sets) {
    List<String> all = new ArrayList<>();
    all.add("state.dir=" + stateDir);
    all.addAll(List.of(sets));
    try {
      return AgentSections.load(null, all);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
