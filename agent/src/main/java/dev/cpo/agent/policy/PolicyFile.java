package dev.cpo.agent.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.alarm.AlarmCondition;
import dev.cpo.agent.alarm.AlarmConditions;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates config/policies.yaml. Every error names the key (e.g.
 * {@code policies.laser-overtemp.maxTries}) and the file line.
 *
 * <pre>
 * policies:
 *   laser-overtemp:
 *     condition: laser.temp-highAlarm
 *     holdSeconds: 10
 *     action: laser-disable
 *     revert: {below: highWarning, holdSeconds: 60}
 *     maxTries: 3
 * </pre>
 */
public final class PolicyFile {

  /** The bundled defaults. */
  public static final String DEFAULTS_RESOURCE = "/cpo/policies.yaml";

  private static final Set<String> FIELDS = Set.of("condition", "holdSeconds", "action", "revert", "maxTries");
  private static final Set<String> REVERT_FIELDS = Set.of("below", "holdSeconds", "fanSpeedPercent");

  private PolicyFile() {}

  /** Reads the file named by config key {@code alarms.policiesFile}. */
  public static List<Policy> read(Path file) throws ConfigException {
    return parse(YamlDocument.read(file, "alarms.policiesFile"));
  }

  /** The built-in defaults. */
  public static List<Policy> defaults() {
    try {
      return parse(YamlDocument.resource(DEFAULTS_RESOURCE));
    } catch (ConfigException e) {
      throw new IllegalStateException("bundled policies are invalid: " + e.getMessage(), e);
    }
  }

  public static List<Policy> parse(YamlDocument doc) throws ConfigException {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("policies", "the top level must be a mapping with 'policies'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("policies")) {
        throw doc.error(k, "unknown key (expected 'policies')");
      }
    }
    JsonNode policies = root.path("policies");
    if (policies.isMissingNode() || policies.isNull()) {
      return List.of();
    }
    if (!policies.isObject()) {
      throw doc.error("policies", "must be a mapping of policy name to policy");
    }
    List<Policy> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = policies.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(policy(doc, "policies." + e.getKey(), e.getKey(), e.getValue()));
    }
    return List.copyOf(out);
  }

  private static Policy policy(YamlDocument doc, String key, String name, JsonNode node) throws ConfigException {
    if (!node.isObject()) {
      throw doc.error(key, "must be a mapping");
    }
    checkKeys(doc, node, key, FIELDS);
    String conditionName = text(doc, node, key + ".condition", "condition");
    AlarmCondition condition = AlarmConditions.byName(conditionName).orElseThrow(() -> doc.error(key + ".condition",
        "no alarm condition '" + conditionName + "'" + AlarmConditions.didYouMean(conditionName) + "; a policy on it would never act"));
    String actionName = text(doc, node, key + ".action", "action");
    PolicyAction action = PolicyAction.ofKey(actionName);
    if (action == null) {
      throw doc.error(key + ".action", "unknown action '" + actionName + "' (expected one of "
          + Arrays.stream(PolicyAction.values()).map(PolicyAction::key).toList() + ")");
    }
    if (condition.entityClass() != action.entityClass()) {
      throw doc.error(key + ".condition", "action " + action.key() + " acts on a " + action.entityClass().key()
          + ", so its condition must be about one (e.g. " + action.entityClass().key() + ".temp-highAlarm), was '"
          + condition + "'");
    }
    double hold = number(doc, node, key + ".holdSeconds", "holdSeconds", 0, 0, 86_400);
    double tries = number(doc, node, key + ".maxTries", "maxTries", 0, 0, 1000);
    if (tries != Math.rint(tries)) {
      throw doc.error(key + ".maxTries", "must be a whole number, was " + tries);
    }
    JsonNode revert = node.get("revert");
    boolean reverts = revert != null && !revert.isNull() && !(revert.isBoolean() && !revert.booleanValue());
    ThresholdLevel below = null;
    double revertHold = 0;
    double fanSpeed = 60;
    if (reverts) {
      if (revert.isBoolean()) {
        revert = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      }
      if (!revert.isObject()) {
        throw doc.error(key + ".revert", "must be false or a mapping with below, holdSeconds");
      }
      checkKeys(doc, revert, key + ".revert", REVERT_FIELDS);
      if (revert.has("below")) {
        String level = text(doc, revert, key + ".revert.below", "below");
        below = Arrays.stream(ThresholdLevel.values()).filter(l -> l.key().equals(level)).findFirst()
            .orElseThrow(() -> doc.error(key + ".revert.below", "unknown threshold level '" + level
                + "' (expected lowAlarm, lowWarning, highWarning or highAlarm)"));
        if (condition.thresholdClass() == null) {
          throw doc.error(key + ".revert.below", "only a threshold condition (like laser.temp-highAlarm) has "
              + "levels to fall below; '" + condition + "' is not one");
        }
      }
      revertHold = number(doc, revert, key + ".revert.holdSeconds", "holdSeconds", 0, 0, 86_400);
      fanSpeed = number(doc, revert, key + ".revert.fanSpeedPercent", "fanSpeedPercent", 60, 0, 100);
    }
    return new Policy(name, condition, hold, action, reverts, below, revertHold, (int) tries, fanSpeed);
  }

  private static String text(YamlDocument doc, JsonNode node, String key, String field) throws ConfigException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw doc.error(key, "is missing");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw doc.error(key, "must be a non-empty string");
    }
    return v.asText();
  }

  private static double number(YamlDocument doc, JsonNode node, String key, String field, double absent,
      double min, double max) throws ConfigException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isNumber()) {
      throw doc.error(key, "must be a number, was '" + v.asText() + "'");
    }
    double d = v.doubleValue();
    if (!(d >= min && d <= max)) {
      throw doc.error(key, "must be in [" + min + ", " + max + "], was " + d);
    }
    return d;
  }

  private static void checkKeys(YamlDocument doc, JsonNode node, String prefix, Set<String> allowed)
      throws ConfigException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw doc.error(prefix + "." + name, "unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
  }
}
