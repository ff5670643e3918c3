package dev.cpo.agent.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.testing.FakeSwitch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ThresholdStoreTest {

  private static final Clock AT = Clock.fixed(Instant.parse("2026-12-01T19:45:07Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  final FakeSwitch sw = new FakeSwitch();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ThresholdStore.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private ThresholdStore open(Path file) {
    return new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), file, (i, s, b) -> { }, AT);
  }

  private List<Path> asideCopies() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("thresholds.yaml.rejected-")).sorted().toList();
    }
  }

  @Test
  void aThresholdSetAtRunTimeSurvivesARestart() {
    Path file = dir.resolve("thresholds.yaml");
    List<String> changes = new ArrayList<>();
    ThresholdStore store = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), file,
        (id, set, by) -> changes.add(id + " " + set.highWarning() + " " + by));
    store.set("els1/laser3:bias", ThresholdLevel.HIGH_WARNING, 470, "snmp:ops");
    assertThat(changes).containsExactly("els1/laser3:bias 470.0 snmp:ops");

    ThresholdStore restarted = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), file, (i, s, b) -> { });
    assertThat(restarted.effective("els1/laser3:bias")).isEqualTo(new ThresholdSet(20, Double.NaN, 470, 525));
    assertThat(restarted.effective("els1/laser4:bias").highWarning()).isEqualTo(455);
    assertThat(restarted.overrides()).containsOnlyKeys("els1/laser3:bias");
  }

  @Test
  void anOutOfOrderOrUnknownChangeIsRefusedAndChangesNothing() {
    ThresholdStore store = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), null, (i, s, b) -> { });
    assertThatThrownBy(() -> store.set("els1/laser3:bias", ThresholdLevel.HIGH_WARNING, 600, "snmp:ops"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highWarning");
    assertThatThrownBy(() -> store.set("els9/laser3:bias", ThresholdLevel.HIGH_WARNING, 400, "snmp:ops"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("els9/laser3:bias");
    assertThat(store.effective("els1/laser3:bias").highWarning()).isEqualTo(455);
  }

  @Test
  void badSavedEntriesAreDroppedOneByOneLoggedByNameAndTheFileKeptAsideUnchanged() throws IOException {
    Path file = dir.resolve("thresholds.yaml");
    String saved = """
        overrides:
          "els1/laser3:bias": {lowAlarm: 20, highWarning: 470, highAlarm: 525}
          "els9/laser1:bias": {highWarning: 470}
          "els1/laser4:bias": {highWarning: 600, highAlarm: 525}
          "els1/laser5:bias": {highWarning: "high"}
          "els1/laser6:bias": {highWarnng: 470}
          "els1/laser7:bias": {lowAlarm: -5}
          "els1/laser8:bias": 470
          "els1/laser1:temp": {highWarning: 52, highAlarm: 58}
        """;
    Files.writeString(file, saved);

    ThresholdStore store = open(file);

    assertThat(store.overrides()).containsOnlyKeys("els1/laser3:bias", "els1/laser1:temp");
    assertThat(store.effective("els1/laser3:bias")).isEqualTo(new ThresholdSet(20, Double.NaN, 470, 525));
    assertThat(store.effective("els1/laser1:temp")).isEqualTo(new ThresholdSet(Double.NaN, Double.NaN, 52, 58));
    assertThat(store.effective("els1/laser4:bias").highWarning()).isEqualTo(455);
    List<String> warnings = warnings();
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("saved threshold dropped: overrides.els9/laser1:bias")
        .contains("has no sensor els9/laser1:bias"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("overrides.els1/laser4:bias.highAlarm")
        .contains("must be <="));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("overrides.els1/laser5:bias.highWarning")
        .contains("must be a number"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("overrides.els1/laser6:bias.highWarnng")
        .contains("unknown key"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("overrides.els1/laser7:bias.lowAlarm")
        .contains("must be >= 0"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("overrides.els1/laser8:bias")
        .contains("must be a mapping"));
    assertThat(warnings).filteredOn(w -> w.startsWith("saved threshold dropped:")).hasSize(6);
    Path aside = dir.resolve("thresholds.yaml.rejected-20261201T194507Z");
    assertThat(asideCopies()).containsExactly(aside);
    assertThat(Files.readString(aside)).isEqualTo(saved);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("loaded 2 run-time threshold overrides", "dropped 6",
        "overrides.els9/laser1:bias", "kept as " + aside));

    // The next change keeps every valid saved override, and a restart finds them all, with nothing to drop.
    store.set("els1/laser2:bias", ThresholdLevel.HIGH_WARNING, 490, "snmp:ops");
    log.list.clear();
    ThresholdStore restarted = open(file);
    assertThat(restarted.overrides()).containsOnlyKeys("els1/laser2:bias", "els1/laser3:bias", "els1/laser1:temp");
    assertThat(restarted.effective("els1/laser1:temp")).isEqualTo(new ThresholdSet(Double.NaN, Double.NaN, 52, 58));
    assertThat(warnings()).isEmpty();
    assertThat(asideCopies()).containsExactly(aside);
  }

  @Test
  void aSavedFileThatIsNotYamlIsKeptAsideAndTheRuleFileApplies() throws IOException {
    Path file = dir.resolve("thresholds.yaml");
    byte[] garbage = "overrides: {\"els1/laser3:bias\": {highWarning: 470}\n\u0000\u0001 ]]".getBytes(StandardCharsets.UTF_8);
    Files.write(file, garbage);

    ThresholdStore store = open(file);

    assertThat(store.overrides()).isEmpty();
    assertThat(store.effective("els1/laser3:bias").highWarning()).isEqualTo(455);
    Path aside = dir.resolve("thresholds.yaml.rejected-20261201T194507Z");
    assertThat(Files.readAllBytes(aside)).isEqualTo(garbage);
    assertThat(warnings()).singleElement().asString()
        .startsWith("saved thresholds " + file + " not used: it is not YAML")
        .contains("kept as " + aside, "the rule file's thresholds apply");
    // Rewritten empty, so the next start is clean.
    log.list.clear();
    assertThat(open(file).overrides()).isEmpty();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aSavedFileThatCannotBeReadIsLeftAsItIsAndEveryChangeIsRefused() throws IOException {
    // A directory where the file should be: readable by nobody as a file, root included.
    Path file = Files.createDirectory(dir.resolve("thresholds.yaml"));
    Files.writeString(file.resolve("keep"), "x");

    ThresholdStore store = open(file);

    assertThat(store.overrides()).isEmpty();
    assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
        .contains("threshold changes refused until restart", file + " could not be read at start"));
    assertThatThrownBy(() -> store.set("els1/laser3:bias", ThresholdLevel.HIGH_WARNING, 470, "snmp:ops"))
        .isInstanceOf(ThresholdNotStoredException.class).hasMessageContaining("are not overwritten");
    assertThat(store.effective("els1/laser3:bias").highWarning()).isEqualTo(455);
    assertThat(Files.readString(file.resolve("keep"))).isEqualTo("x");
    assertThat(asideCopies()).isEmpty();
  }

  @Test
  void aLaterRejectionNeverOverwritesAnEarlierCopy() throws IOException {
    Path file = dir.resolve("thresholds.yaml");
    Files.writeString(file, "overrides: {\"els9/laser1:bias\": {highWarning: 470}}\n");
    open(file);
    Files.writeString(file, "overrides: {\"els8/laser1:bias\": {highWarning: 470}}\n");
    open(file);

    assertThat(asideCopies()).containsExactly(dir.resolve("thresholds.yaml.rejected-20261201T194507Z"),
        dir.resolve("thresholds.yaml.rejected-20261201T194507Z-2"));
    assertThat(Files.readString(asideCopies().get(0))).contains("els9/laser1");
    assertThat(Files.readString(asideCopies().get(1))).contains("els8/laser1");
  }

  @Test
  void aChangeThatCannotBeStoredIsRefusedLoggedAndChangesNothing() throws IOException {
    Path file = dir.resolve("thresholds.yaml");
    List<String> changes = new ArrayList<>();
    ThresholdStore store = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), file,
        (id, set, by) -> changes.add(id), AT);
    store.set("els1/laser3:bias", ThresholdLevel.HIGH_WARNING, 470, "snmp:ops");
    String before = Files.readString(file);
    // Root may write anywhere, so block the write with a directory where the temporary file goes.
    Files.createDirectory(dir.resolve("thresholds.yaml.tmp"));

    assertThatThrownBy(() -> store.set("els1/laser4:bias", ThresholdLevel.HIGH_WARNING, 480, "snmp:ops"))
        .isInstanceOf(ThresholdNotStoredException.class)
        .hasMessageContaining("cannot store thresholds in " + file)
        .hasMessageContaining(dir.resolve("thresholds.yaml.tmp") + ": Is a directory");

    assertThat(store.effective("els1/laser4:bias").highWarning()).isEqualTo(455);
    assertThat(store.overrides()).containsOnlyKeys("els1/laser3:bias");
    assertThat(changes).containsExactly("els1/laser3:bias");
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(warnings()).singleElement().asString()
        .contains("threshold change of els1/laser4:bias by snmp:ops refused, nothing changed", "Is a directory");

    Files.delete(dir.resolve("thresholds.yaml.tmp"));
    store.set("els1/laser4:bias", ThresholdLevel.HIGH_WARNING, 480, "snmp:ops");
    assertThat(open(file).overrides()).containsOnlyKeys("els1/laser3:bias", "els1/laser4:bias");
  }

  @Test
  void severalSensorsChangeInOneSaveAllOrNothing() throws IOException {
    Path file = dir.resolve("thresholds.yaml");
    ThresholdStore store = open(file);
    Files.createDirectory(dir.resolve("thresholds.yaml.tmp"));
    java.util.Map<String, ThresholdSet> band = java.util.Map.of(
        "els1/laser3:bias", new ThresholdSet(20, Double.NaN, 470, 525),
        "els1/laser4:bias", new ThresholdSet(20, Double.NaN, 480, 530));

    assertThatThrownBy(() -> store.setAll(band, "gnmi:ops")).isInstanceOf(ThresholdNotStoredException.class);
    assertThat(store.overrides()).isEmpty();

    Files.delete(dir.resolve("thresholds.yaml.tmp"));
    store.setAll(band, "gnmi:ops");
    assertThat(open(file).overrides()).isEqualTo(band);
  }
}
