package dev.cpo.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry is the one list of alarm conditions: what detectors raise, files name and docs list. */
class AlarmConditionsTest {

  private static final Path REPO = Path.of(System.getenv().getOrDefault("CPO_REPO_ROOT", ".."));

  @ParameterizedTest
  @ValueSource(strings = {"quantum-x-photonics-115t", "spectrum-x-photonics-102t", "spectrum-x-photonics-409t",
      "tomahawk5-bailly-51t", "npo-115t"})
  void everySensorOfEveryProfileHasARegisteredThresholdClass(String profile) {
    try (SimulatedSwitch sim = SimulatedSwitch.builder().profile(profile).clock(new ManualClock()).build()) {
      for (Sensor s : sim.inventory().sensors()) {
        ThresholdClass c = ThresholdClass.of(s);
        assertThat(AlarmConditions.THRESHOLD_CLASSES).as("%s (%s)", c, s.id()).contains(c);
        assertThat(c.name()).isEqualTo(s.thresholdClass());
      }
    }
  }

  @Test
  void thresholdLevelsAreConditionsWithTheirSeverityAndNamedRaises() {
    ThresholdClass laserBias = AlarmConditions.thresholdClass("laser.bias").orElseThrow();
    AlarmCondition warn = AlarmConditions.threshold(laserBias, ThresholdLevel.HIGH_WARNING);
    assertThat(warn.name()).isEqualTo("laser.bias-highWarning");
    assertThat(warn.severity()).isEqualTo(Severity.WARNING);
    assertThat(warn.rootCause()).isFalse();
    assertThat(AlarmConditions.byName("laser.bias-highWarning")).contains(warn);
    assertThat(AlarmConditions.byName("asic.temp-highAlarm").orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
    ThresholdClass flow = AlarmConditions.thresholdClass("loop.flow").orElseThrow();
    assertThat(AlarmConditions.threshold(flow, ThresholdLevel.LOW_ALARM)).isSameAs(AlarmConditions.COOLANT_FLOW_LOSS);
    assertThat(AlarmConditions.byName("loop.flow-lowAlarm")).isEmpty();
    assertThat(AlarmConditions.COOLANT_FLOW_LOSS.switchWide()).isTrue();
    assertThat(AlarmConditions.all()).filteredOn(AlarmCondition::switchWide).containsExactly(AlarmConditions.COOLANT_FLOW_LOSS);
    assertThatThrownBy(() -> AlarmConditions.threshold(new ThresholdClass(dev.cpo.hal.EntityClass.FAN,
        SensorKind.BIAS_CURRENT), ThresholdLevel.HIGH_ALARM)).hasMessageContaining("fan.bias is not registered");
  }

  @Test
  void aNearMissGetsTheRegisteredName() {
    assertThat(AlarmConditions.didYouMean("fan-failur")).isEqualTo(" (did you mean 'fan-failure'?)");
    assertThat(AlarmConditions.didYouMean("laser.temp-highAlrm")).startsWith(" (did you mean 'laser.temp-highAlarm'");
    assertThat(AlarmConditions.didYouMean("completely-unrelated-words")).isEmpty();
  }

  /** Condition names written out in the MIB, the docs and the bundled policies are registered ones. */
  @Test
  void everyConditionTheMibDocsAndPoliciesNameIsRegistered() throws IOException {
    List<String> named = new ArrayList<>();
    String mib = Files.readString(REPO.resolve("mibs/CPO-SWITCH-MIB.txt"));
    Matcher m = Pattern.compile("(?s)cpoAlarmCondition OBJECT-TYPE.*?DESCRIPTION\\s+\"(.*?)\"").matcher(mib);
    assertThat(m.find()).isTrue();
    Matcher words = Pattern.compile("[a-z]+(?:\\.[a-z_]+)?-[a-zA-Z-]+").matcher(m.group(1));
    while (words.find()) {
      named.add(words.group());
    }
    for (String line : Files.readAllLines(REPO.resolve("config/policies.yaml"))) {
      Matcher c = Pattern.compile("^\\s+condition: (\\S+)").matcher(line);
      if (c.find()) {
        named.add(c.group(1));
      }
    }
    String core = Files.readString(REPO.resolve("docs/agent-core.md"));
    Matcher alarmRow = Pattern.compile("\\| `alarm` \\|(.*)").matcher(core);
    assertThat(alarmRow.find()).isTrue();
    Matcher quoted = Pattern.compile("`([a-z]+-[a-z-]+)`").matcher(alarmRow.group(1));
    while (quoted.find()) {
      named.add(quoted.group(1));
    }
    assertThat(named).hasSizeGreaterThan(10);
    assertThat(named).allSatisfy(n -> assertThat(AlarmConditions.byName(n)).as(n).isPresent());
  }

  /** Detectors raise the registry's constants: no condition name is a string literal in the domain code. */
  @Test
  void noDomainSourceSpellsAConditionName() throws IOException {
    Path main = REPO.resolve("agent/src/main/java/dev/cpo/agent");
    List<String> found = new ArrayList<>();
    for (String pkg : List.of("alarm", "threshold", "policy", "forecast", "core", "poll", "event")) {
      try (Stream<Path> files = Files.walk(main.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          // PolicyAction names actions (asic-shutdown is an action too), AlarmConditions is the registry.
          if (f.endsWith("AlarmConditions.java") || f.endsWith("PolicyAction.java")) {
            continue;
          }
          String src = Files.readString(f);
          for (AlarmCondition c : AlarmConditions.all()) {
            if (src.contains("\"" + c.name() + "\"")) {
              found.add(main.relativize(f) + ": \"" + c.name() + "\"");
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }
}
