package dev.cpo.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad threshold or policy file is refused with a message naming the key and its line. */
class BadRuleFilesTest {

  @TempDir Path dir;

  static final String GOOD_POLICIES = "policies:\n  p:\n    condition: laser.temp-highAlarm\n    action: laser-disable\n";

  static Stream<Arguments> badThresholds() {
    return Stream.of(
        Arguments.of("an unknown sensor class", "classes:\n  laser.bais:\n    highAlarm: 1\n", "classes.laser.bais", 2),
        Arguments.of("an unknown level", "classes:\n  laser.bias:\n    highWarnig: 400\n", "classes.laser.bias.highWarnig", 3),
        Arguments.of("a level that is not a number", "classes:\n  laser.bias:\n    highAlarm: lots\n", "classes.laser.bias.highAlarm", 3),
        Arguments.of("levels out of order", "classes:\n  laser.bias:\n    highWarning: 600\n    highAlarm: 525\n", "classes.laser.bias.highAlarm", 4),
        Arguments.of("a negative hysteresis", "classes:\n  asic.temp:\n    highAlarm: 120\n    hysteresis: -1\n", "classes.asic.temp.hysteresis", 4),
        Arguments.of("a fractional debounce", "classes:\n  asic.temp:\n    debounceSamples: 0.5\n", "classes.asic.temp.debounceSamples", 3),
        Arguments.of("an override that is not a sensor id", "overrides:\n  els3-laser5:\n    highAlarm: 500\n", "overrides.els3-laser5", 2),
        Arguments.of("an override out of order with its class", "classes:\n  laser.bias:\n    highAlarm: 525\n"
            + "overrides:\n  \"els3/laser5:bias\":\n    highWarning: 600\n", "overrides.els3/laser5:bias.highWarning", 6),
        Arguments.of("an unknown top-level key", "classes: {}\nthreshold: {}\n", "threshold", 2),
        Arguments.of("a negative bias level", "classes:\n  laser.bias:\n    highAlarm: -5\n", "classes.laser.bias.highAlarm", 3),
        Arguments.of("a negative override of a fan speed", "overrides:\n  \"fan1:speed\":\n    lowAlarm: -100\n", "overrides.fan1:speed.lowAlarm", 3),
        Arguments.of("a level given twice", "classes:\n  laser.bias:\n    highAlarm: 500\n    highAlarm: 520\n", "classes.laser.bias.highAlarm", 4));
  }

  static Stream<Arguments> badPolicies() {
    String head = "policies:\n  hot:\n";
    return Stream.of(
        Arguments.of("an unknown action", head + "    condition: laser.temp-highAlarm\n    action: explode\n", "policies.hot.action", 4),
        Arguments.of("a missing condition", head + "    action: laser-disable\n", "policies.hot.condition", 2),
        Arguments.of("a negative number of tries", head + "    condition: laser.temp-highAlarm\n    action: laser-disable\n    maxTries: -1\n", "policies.hot.maxTries", 5),
        Arguments.of("a fractional number of tries", head + "    condition: laser.temp-highAlarm\n    action: laser-disable\n    maxTries: 2.5\n", "policies.hot.maxTries", 5),
        Arguments.of("a hold time that is not a number", head + "    condition: laser.temp-highAlarm\n    action: laser-disable\n    holdSeconds: ten\n", "policies.hot.holdSeconds", 5),
        Arguments.of("an unknown revert level", head + "    condition: laser.temp-highAlarm\n    action: laser-disable\n    revert:\n      below: cool\n", "policies.hot.revert.below", 6),
        Arguments.of("an action on the wrong kind of entity", head + "    condition: asic.temp-highAlarm\n    action: laser-disable\n", "policies.hot.condition", 3),
        Arguments.of("a revert level for a condition without levels", head + "    condition: fan-failure\n    action: fans-full-speed\n    revert:\n      below: highWarning\n", "policies.hot.revert.below", 6),
        Arguments.of("an unknown policy key", head + "    condition: fan-failure\n    action: fans-full-speed\n    hold: 3\n", "policies.hot.hold", 5),
        Arguments.of("a fan speed over 100 %", head + "    condition: fan-failure\n    action: fans-full-speed\n    revert:\n      fanSpeedPercent: 150\n", "policies.hot.revert.fanSpeedPercent", 6));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badThresholds")
  void aBadThresholdFileNamesTheKeyAndLine(String what, String yaml, String key, int line) throws IOException {
    Path t = write("thresholds.yaml", yaml);
    Path p = write("policies.yaml", GOOD_POLICIES);
    assertThatThrownBy(() -> RuleFiles.load(new AlarmsConfig(10, t.toString(), p.toString())))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          assertThat(((ConfigException) e).key()).isEqualTo(key);
          assertThat(e.getMessage()).startsWith(key + ":").contains(t + " line " + line);
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPolicies")
  void aBadPolicyFileNamesTheKeyAndLine(String what, String yaml, String key, int line) throws IOException {
    Path t = write("thresholds.yaml", "classes: {}\n");
    Path p = write("policies.yaml", yaml);
    assertThatThrownBy(() -> RuleFiles.load(new AlarmsConfig(10, t.toString(), p.toString())))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          assertThat(((ConfigException) e).key()).isEqualTo(key);
          assertThat(e.getMessage()).startsWith(key + ":").contains(p + " line " + line);
        });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"laser.temp-highAlrm, laser.temp-highAlarm, laser-disable", "fan-failur, fan-failure, fans-full-speed",
      "asic.tmp-highAlarm, asic.temp-highAlarm, asic-shutdown"})
  void aPolicyOnAConditionNoDetectorRaisesIsRefusedWithTheNearestName(String typo, String meant, String action)
      throws IOException {
    Path t = write("thresholds.yaml", "classes: {}\n");
    Path p = write("policies.yaml", "policies:\n  p:\n    condition: " + typo + "\n    action: " + action + "\n");
    assertThatThrownBy(() -> RuleFiles.load(new AlarmsConfig(10, t.toString(), p.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("policies.p.condition: no alarm condition '" + typo + "' (did you mean '" + meant
            + "'?); a policy on it would never act (" + p + " line 3)");
  }

  @Test
  void yamlThatDoesNotParseNamesTheFileKeyAndLine() throws IOException {
    Path t = write("thresholds.yaml", "classes:\n  laser.bias: {highAlarm: 5\n");
    assertThatThrownBy(() -> RuleFiles.load(new AlarmsConfig(10, t.toString(), "config/policies.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(t.toString()).hasMessageContaining("line");
  }

  @Test
  void aMissingFileNamesTheConfigKey() {
    assertThatThrownBy(() -> RuleFiles.load(new AlarmsConfig(10, "config/thresholds.yaml", dir.resolve("nope.yaml").toString())))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("alarms.policiesFile"));
  }

  @Test
  void theBundledFilesAreValid() throws ConfigException {
    RuleFiles rules = RuleFiles.load(new AlarmsConfig(10, "config/thresholds.yaml", "config/policies.yaml"));
    assertThat(rules.thresholds().classes()).containsKeys("laser.bias", "asic.temp", "lane.rx_power");
    assertThat(rules.policies()).extracting(p -> p.action().key())
        .containsExactly("laser-disable", "asic-shutdown", "els-shutdown", "fans-full-speed");
  }

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }
}
