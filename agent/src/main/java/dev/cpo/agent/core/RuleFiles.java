package dev.cpo.agent.core;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.policy.Policy;
import dev.cpo.agent.policy.PolicyFile;
import dev.cpo.agent.threshold.ThresholdFile;
import dev.cpo.agent.threshold.ThresholdRules;
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
