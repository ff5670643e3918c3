package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.control.ConfigReloader;
import dev.cpo.hal.sim.SimulatorControl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reload {@code run} offers until the agent core provides its own: reads the config again, applies
 * the simulator's run-time settings (sim.timeScale, sim.load, sim.seed) and reports every other changed
 * key as needing a restart. An invalid file changes nothing.
 */
final class SimConfigReloader implements ConfigReloader {

  private static final Logger LOG = LoggerFactory.getLogger(SimConfigReloader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the config comes from: the same file and --set overrides as at start. */
  interface Source {
    AgentConfig load() throws ConfigException;

    String describe();
  }

  private final Source source;
  private final SimulatorControl sim;
  private AgentConfig current;

  SimConfigReloader(Source source, SimulatorControl sim, AgentConfig current) {
    this.source = source;
    this.sim = sim;
    this.current = current;
  }

  @Override
  public synchronized Outcome reload() throws ConfigException {
    AgentConfig next = source.load();
    Map<String, JsonNode> before = flatten(JSON.valueToTree(current));
    Map<String, JsonNode> after = flatten(JSON.valueToTree(next));
    List<String> applied = new ArrayList<>();
    List<String> restart = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : after.entrySet()) {
      if (e.getValue().equals(before.get(e.getKey()))) {
        continue;
      }
      switch (e.getKey()) {
        case "sim.timeScale" -> sim.setTimeScale(next.sim().timeScale());
        case "sim.load" -> sim.setLoad(next.sim().load());
        case "sim.seed" -> sim.setSeed(next.sim().seed());
        default -> {
          restart.add(e.getKey());
          continue;
        }
      }
      applied.add(e.getKey());
    }
    current = next;
    LOG.info("config reloaded from {}: applied {}, restart required for {}", source.describe(), applied, restart);
    return new Outcome(source.describe(), applied, restart);
  }

  static Map<String, JsonNode> flatten(JsonNode tree) {
    Map<String, JsonNode> out = new TreeMap<>();
    flatten("", tree, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else {
      out.put(prefix, node);
    }
  }
}
