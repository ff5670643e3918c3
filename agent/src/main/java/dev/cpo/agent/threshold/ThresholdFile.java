package dev.cpo.agent.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.alarm.AlarmConditions;
import dev.cpo.agent.alarm.ThresholdClass;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.Suggestions;
import dev.cpo.agent.config.YamlDocument;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.Unit;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates config/thresholds.yaml. Every error names the key (e.g.
 * {@code classes.laser.bias.highWarning}) and the file line.
 *
 * <pre>
 * classes:                 # defaults per sensor class: entity class . sensor kind
 *   laser.bias: {lowAlarm: 50, highWarning: 455, highAlarm: 525, hysteresis: 5, debounceSamples: 3}
 * overrides:               # per sensor id: entity : sensor kind
 *   "els3/laser5:bias": {highWarning: 470}
 * </pre>
 */
public final class ThresholdFile {

  /** The bundled defaults. */
  public static final String DEFAULTS_RESOURCE = "/cpo/thresholds.yaml";

  private static final Set<String> TOP = Set.of("classes", "overrides");
  private static final Set<String> CLASS_FIELDS =
      Set.of("lowAlarm", "lowWarning", "highWarning", "highAlarm", "hysteresis", "debounceSamples");
  private static final Set<String> LEVEL_FIELDS = Set.of("lowAlarm", "lowWarning", "highWarning", "highAlarm");

  private ThresholdFile() {}

  /** Reads the file named by config key {@code alarms.thresholdsFile}. */
  public static ThresholdRules read(Path file) throws ConfigException {
    return parse(YamlDocument.read(file, "alarms.thresholdsFile"));
  }

  /** The built-in defaults. */
  public static ThresholdRules defaults() {
    try {
      return parse(YamlDocument.resource(DEFAULTS_RESOURCE));
    } catch (ConfigException e) {
      throw new IllegalStateException("bundled thresholds are invalid: " + e.getMessage(), e);
    }
  }

  public static ThresholdRules parse(YamlDocument doc) throws ConfigException {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("thresholds", "the top level must be a mapping with 'classes' and 'overrides'");
    }
    checkKeys(doc, root, "", TOP);
    Map<String, ClassThresholds> classes = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(doc, root.path("classes"), "classes")) {
      String key = "classes." + e.getKey();
      if (AlarmConditions.thresholdClass(e.getKey()).isEmpty()) {
        throw doc.error(key, "unknown sensor class '" + e.getKey() + "'" + Suggestions.didYouMean(e.getKey(),
            AlarmConditions.THRESHOLD_CLASSES.stream().map(ThresholdClass::name).toList())
            + " (expected <entity class>.<sensor kind>, e.g. laser.bias)");
      }
      checkKeys(doc, e.getValue(), key + ".", CLASS_FIELDS);
      ThresholdSet levels = levels(doc, e.getValue(), key, ThresholdSet.NONE,
          AlarmConditions.thresholdClass(e.getKey()).orElseThrow().kind());
      double hysteresis = number(doc, e.getValue(), key, "hysteresis", 0);
      if (hysteresis < 0) {
        throw doc.error(key + ".hysteresis", "must be >= 0, was " + hysteresis);
      }
      double debounce = number(doc, e.getValue(), key, "debounceSamples", 1);
      if (debounce < 1 || debounce != Math.rint(debounce) || debounce > 1000) {
        throw doc.error(key + ".debounceSamples", "must be a whole number 1..1000, was " + debounce);
      }
      classes.put(e.getKey(), new ClassThresholds(levels, hysteresis, (int) debounce));
    }
    Map<String, ThresholdSet> overrides = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(doc, root.path("overrides"), "overrides")) {
      checkSensorId(doc, "overrides." + e.getKey(), e.getKey());
      // An override starts from its class's levels, so it may name just the level it changes.
      String sensorClass = sensorClassOf(e.getKey());
      ThresholdSet base = classes.containsKey(sensorClass) ? classes.get(sensorClass).levels() : ThresholdSet.NONE;
      overrides.put(e.getKey(), override(doc, e.getKey(), e.getValue(), base));
    }
    return new ThresholdRules(classes, overrides);
  }

  /**
   * One entry of {@code overrides}: its levels on top of {@code base}, checked on their own (a sensor id
   * of a known kind, a mapping of known levels, finite numbers, no negative value for a unit that has
   * none, levels in order).
   *
   * @throws ConfigException naming {@code overrides.<sensor id>[.<level>]} and the line
   */
  static ThresholdSet override(YamlDocument doc, String sensorId, JsonNode node, ThresholdSet base)
      throws ConfigException {
    String key = "overrides." + sensorId;
    checkSensorId(doc, key, sensorId);
    if (!node.isObject()) {
      throw doc.error(key, "must be a mapping of levels");
    }
    checkKeys(doc, node, key + ".", LEVEL_FIELDS);
    return levels(doc, node, key, base, kind(sensorId.substring(sensorId.lastIndexOf(':') + 1)));
  }

  /** Validates a sensor id's shape ({@code entity:kind} with a known kind); throws naming {@code key}. */
  static void checkSensorId(YamlDocument doc, String key, String sensorId) throws ConfigException {
    int colon = sensorId.lastIndexOf(':');
    if (colon <= 0 || kind(sensorId.substring(colon + 1)) == null) {
      throw doc.error(key, "not a sensor id (expected <entity>:<sensor kind>, e.g. els3/laser5:bias)");
    }
  }

  private static String sensorClassOf(String sensorId) {
    String entity = sensorId.substring(0, sensorId.lastIndexOf(':'));
    String leaf = entity.substring(entity.lastIndexOf('/') + 1);
    return leaf.replaceAll("\\d+$", "") + "." + sensorId.substring(sensorId.lastIndexOf(':') + 1);
  }

  private static SensorKind kind(String key) {
    for (SensorKind k : SensorKind.values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    return null;
  }

  private static ThresholdSet levels(YamlDocument doc, JsonNode node, String key, ThresholdSet base, SensorKind kind)
      throws ConfigException {
    ThresholdSet set = base;
    for (ThresholdLevel level : ThresholdLevel.values()) {
      double v = number(doc, node, key, level.key(), Double.NaN);
      if (v < 0 && !signed(kind.unit())) {
        throw doc.error(key + "." + level.key(), "must be >= 0 (a " + kind.key() + " reading in "
            + kind.unit().symbol() + " is never negative), was " + v);
      }
      if (!Double.isNaN(v) || node.has(level.key())) {
        try {
          set = set.with(level, v);
        } catch (IllegalArgumentException e) {
          throw doc.error(key + "." + level.key(), e.getMessage());
        }
      }
    }
    return set;
  }

  /** Units whose readings may be below zero: temperature in C, power in dBm. */
  static boolean signed(Unit unit) {
    return unit == Unit.CELSIUS || unit == Unit.DBM;
  }

  private static double number(YamlDocument doc, JsonNode node, String key, String field, double absent)
      throws ConfigException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isNumber()) {
      throw doc.error(key + "." + field, "must be a number, was '" + v.asText() + "'");
    }
    double d = v.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw doc.error(key + "." + field, "must be a finite number, was " + d);
    }
    return d;
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(YamlDocument doc, JsonNode node, String key)
      throws ConfigException {
    if (node.isMissingNode() || node.isNull()) {
      return Map.<String, JsonNode>of().entrySet();
    }
    if (!node.isObject()) {
      throw doc.error(key, "must be a mapping");
    }
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isObject()) {
        throw doc.error(key + "." + e.getKey(), "must be a mapping of levels");
      }
      out.put(e.getKey(), e.getValue());
    }
    return out.entrySet();
  }

  private static void checkKeys(YamlDocument doc, JsonNode node, String prefix, Set<String> allowed)
      throws ConfigException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw doc.error(prefix + name, "unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
  }
}
