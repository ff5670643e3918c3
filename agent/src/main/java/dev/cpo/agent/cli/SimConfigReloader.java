package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.control.ConfigReloader;
import dev.cpo.agent.core.Agent;
import dev.cpo.hal.sim.SimulatorControl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reload of {@code run}: reads the config again, has the agent re-read its threshold and policy
 * files, applies the simulator's run-time settings (sim.timeScale, sim.load, sim.seed) and reports every
 * other changed key as needing a restart. An invalid config or rule file changes nothing.
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
  private final Agent agent;
  private AgentConfig current;

  SimConfigReloader(Source source, SimulatorControl sim, AgentConfig current) {
    this(source, sim, null, current);
  }

  /** @param agent the agent whose rule files are re-read, or null when only the simulator runs */
  SimConfigReloader(Source source, SimulatorControl sim, Agent agent, AgentConfig current) {
    this.source = source;
    this.sim = sim;
    this.agent = agent;
    this.current = current;
  }

  @Override
  public synchronized Outcome reload() throws ConfigException {
    AgentConfig next = source.load();
    List<String> applied = new ArrayList<>();
    if (agent != null) {
      // Validates and swaps the rule files first: if they are bad, nothing below has happened yet.
      applied.addAll(agent.reloadAndReport(next));
    }
    Map<String, JsonNode> before = flatten(JSON.valueToTree(current));
    Map<String, JsonNode> after = flatten(JSON.valueToTree(next));
    List<String> restart = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : after.entrySet()) {
      if (e.getValue().equals(before.get(e.getKey()))) {
        continue;
      }
      switch (e.getKey()) {
        case "sim.timeScale" -> sim.setTimeScale(next.get(SimConfig.SECTION).timeScale());
        case "sim.load" -> sim.setLoad(next.get(SimConfig.SECTION).load());
        case "sim.seed" -> sim.setSeed(next.get(SimConfig.SECTION).seed());
        case "alarms.thresholdsFile", "alarms.policiesFile" -> {
          if (agent == null) {
            restart.add(e.getKey());
            continue;
          }
        }
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
