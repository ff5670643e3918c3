package dev.cpo.agent.core;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.policy.Policy;
import dev.cpo.agent.policy.PolicyFile;
import dev.cpo.agent.threshold.ClassThresholds;
import dev.cpo.agent.threshold.ThresholdFile;
import dev.cpo.agent.threshold.ThresholdRules;
import dev.cpo.agent.threshold.ThresholdSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The threshold and policy files named by {@code alarms.thresholdsFile} and {@code alarms.policiesFile},
 * read and validated together. A file left at its default path that does not exist (the jar run from
 * another directory) falls back to the copy bundled in the jar; any other missing file is an error.
 *
 * @param thresholds threshold defaults and overrides
 * @param policies protective-action policies
 */
public record RuleFiles(ThresholdRules thresholds, List<Policy> policies) {

  static final String DEFAULT_THRESHOLDS = "config/thresholds.yaml";
  static final String DEFAULT_POLICIES = "config/policies.yaml";

  public RuleFiles {
    policies = List.copyOf(policies);
  }

  /**
   * What differs between two sets of rules, as dotted keys of the files:
   * {@code thresholds.classes.laser.bias.highAlarm}, {@code thresholds.overrides.els3/laser5:bias.lowWarning},
   * {@code policies.laser-overtemp} (added, removed or changed). Empty when they are the same.
   */
  public static List<String> differences(RuleFiles before, RuleFiles after) {
    List<String> out = new java.util.ArrayList<>();
    java.util.Set<String> classes = new java.util.TreeSet<>(before.thresholds().classes().keySet());
    classes.addAll(after.thresholds().classes().keySet());
    for (String c : classes) {
      ClassThresholds a = before.thresholds().classes().get(c);
      ClassThresholds b = after.thresholds().classes().get(c);
      String key = "thresholds.classes." + c;
      if (a == null || b == null) {
        out.add(key);
        continue;
      }
      levels(key, a.levels(), b.levels(), out);
      if (Double.compare(a.hysteresis(), b.hysteresis()) != 0) {
        out.add(key + ".hysteresis");
      }
      if (a.debounceSamples() != b.debounceSamples()) {
        out.add(key + ".debounceSamples");
      }
    }
    java.util.Set<String> sensors = new java.util.TreeSet<>(before.thresholds().overrides().keySet());
    sensors.addAll(after.thresholds().overrides().keySet());
    for (String s : sensors) {
      ThresholdSet a = before.thresholds().overrides().get(s);
      ThresholdSet b = after.thresholds().overrides().get(s);
      String key = "thresholds.overrides." + s;
      if (a == null || b == null) {
        out.add(key);
      } else {
        levels(key, a, b, out);
      }
    }
    java.util.Map<String, Policy> pa = new java.util.TreeMap<>();
    before.policies().forEach(p -> pa.put(p.name(), p));
    java.util.Map<String, Policy> pb = new java.util.TreeMap<>();
    after.policies().forEach(p -> pb.put(p.name(), p));
    java.util.Set<String> names = new java.util.TreeSet<>(pa.keySet());
    names.addAll(pb.keySet());
    for (String n : names) {
      if (!java.util.Objects.equals(pa.get(n), pb.get(n))) {
        out.add("policies." + n);
      }
    }
    return out;
  }

  private static void levels(String key, ThresholdSet a, ThresholdSet b, List<String> out) {
    for (ThresholdLevel l : ThresholdLevel.values()) {
      if (Double.compare(a.get(l), b.get(l)) != 0) {
        out.add(key + "." + l.key());
      }
    }
  }

  /** Reads and validates both files; the exception names the key (and line) at fault. */
  public static RuleFiles load(AlarmsConfig alarms) throws ConfigException {
    Path t = Path.of(alarms.thresholdsFile());
    Path p = Path.of(alarms.policiesFile());
    ThresholdRules thresholds = !Files.exists(t) && alarms.thresholdsFile().equals(DEFAULT_THRESHOLDS)
        ? ThresholdFile.defaults() : ThresholdFile.read(t);
    List<Policy> policies = !Files.exists(p) && alarms.policiesFile().equals(DEFAULT_POLICIES)
        ? PolicyFile.defaults() : PolicyFile.read(p);
    return new RuleFiles(thresholds, policies);
  }
}
