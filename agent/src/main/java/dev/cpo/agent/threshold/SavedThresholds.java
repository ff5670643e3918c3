package dev.cpo.agent.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The run-time threshold changes kept in the state directory ({@code <state dir>/thresholds.yaml}):
 *
 * <pre>
 * overrides:
 *   "els3/laser5:bias": {lowAlarm: 50, highWarning: 470, highAlarm: 525}
 * </pre>
 *
 * <p>Each entry is checked on its own, so one bad entry drops only itself: a sensor this switch does
 * not have, a sensor id of no known kind, a level name that is not one of the four, a value that is
 * not a finite number, a negative value for a unit that has none, levels out of order, an entry that
 * is not a mapping. A file that is not YAML, or whose {@code overrides} is not a mapping, gives no entry.
 */
final class SavedThresholds {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String HEADER = "# Threshold changes made at run time (SNMP SET, gNMI Set), kept by cpo-agent across\n"
      + "# restarts and rewritten on every change. The levels of config/thresholds.yaml apply to every other sensor.\n";

  /**
   * What a saved file held.
   *
   * @param accepted the entries that apply, by sensor id
   * @param rejected every other entry, by its key ({@code overrides.<sensor id>}), with the reason
   * @param unreadable why the file as a whole gave nothing, or null
   */
  record Loaded(Map<String, ThresholdSet> accepted, Map<String, String> rejected, String unreadable) {
    boolean clean() {
      return rejected.isEmpty() && unreadable == null;
    }
  }

  private SavedThresholds() {}

  /**
   * @param source names the file in reasons
   * @param unknownSensor why a well-formed sensor id is not usable on this switch, or null when it is
   */
  static Loaded parse(String source, byte[] bytes, Function<String, String> unknownSensor) {
    YamlDocument doc;
    try {
      doc = YamlDocument.parse(source, bytes, "state.dir");
    } catch (ConfigException e) {
      return new Loaded(Map.of(), Map.of(), "it is not YAML: " + e.getMessage());
    }
    JsonNode root = doc.root();
    if (!root.isObject()) {
      return new Loaded(Map.of(), Map.of(), "its top level is not a mapping with 'overrides'");
    }
    Map<String, ThresholdSet> accepted = new LinkedHashMap<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("overrides")) {
        rejected.put(name, doc.error(name, "unknown key (a saved thresholds file holds only 'overrides')").getMessage());
      }
    }
    JsonNode overrides = root.path("overrides");
    if (!overrides.isMissingNode() && !overrides.isNull() && !overrides.isObject()) {
      return new Loaded(Map.of(), rejected, "'overrides' is not a mapping of sensor ids");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = "overrides." + e.getKey();
      try {
        ThresholdSet levels = ThresholdFile.override(doc, e.getKey(), e.getValue(), ThresholdSet.NONE);
        String unknown = unknownSensor.apply(e.getKey());
        if (unknown != null) {
          throw doc.error(key, unknown);
        }
        accepted.put(e.getKey(), levels);
      } catch (ConfigException bad) {
        rejected.put(key, bad.getMessage());
      }
    }
    return new Loaded(accepted, rejected, null);
  }

  /** The file's text for these overrides, sorted by sensor id. */
  static byte[] render(Map<String, ThresholdSet> overrides) {
    ObjectNode root = YAML.createObjectNode();
    ObjectNode o = root.putObject("overrides");
    new TreeMap<>(overrides).forEach((id, set) -> {
      ObjectNode levels = o.putObject(id);
      for (ThresholdLevel l : ThresholdLevel.values()) {
        if (!Double.isNaN(set.get(l))) {
          levels.put(l.key(), set.get(l));
        }
      }
    });
    try {
      return (HEADER + YAML.writeValueAsString(root)).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render thresholds", e);
    }
  }
}
