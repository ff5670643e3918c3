package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.threshold.ThresholdStore;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Threshold changes kept in the state directory, seen as an operator sees them: the whole product
 * ({@link Product}) on free ports, net-snmp's snmpset and snmpget as {@code ops}, restarts in between.
 * A SET the agent cannot save answers commitFailed and changes nothing; a saved file with one corrupted
 * entry keeps every other saved change across a restart.
 */
class SavedThresholdsIT {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SavedThresholdsIT.class);

  @TempDir Path dir;

  private AgentConfig config;
  private Product product;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger storeLogger = (Logger) LoggerFactory.getLogger(ThresholdStore.class);

  @BeforeEach
  void captureLog() throws Exception {
    log.start();
    storeLogger.addAppender(log);
    config = AgentSections.load(null, List.of("switch.id=sw-saved", "snmp.port=0", "control.port=0", "traps.port=9",
        "mqtt.embedded.port=0", "gnmi.port=0", "state.dir=" + dir.resolve("state")));
  }

  @AfterEach
  void stop() {
    storeLogger.detachAppender(log);
    if (product != null) {
      product.stop();
    }
  }

  private void start() throws Exception {
    if (product != null) {
      product.stop();
    }
    product = Product.of(config);
    product.start();
  }

  private Path stateFile() {
    return Product.stateDir(config).resolve("thresholds.yaml");
  }

  /** cpoThresholdValue of a laser's bias level: indexed by entPhySensorIndex (after the entities), in 0.01 mA. */
  private String cell(String laser, ThresholdLevel level) {
    Inventory inv = product.agent().inventory();
    Sensor bias = inv.sensor(laser, SensorKind.BIAS_CURRENT).orElseThrow();
    return "CPO-SWITCH-MIB::cpoThresholdValue." + (inv.entities().size() + bias.index() + 1) + "." + level.number();
  }

  private NetSnmpTools.Result snmpset(String laser, long value) throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpset", NetSnmpTools.OPS, product.snmp().port(),
        cell(laser, ThresholdLevel.HIGH_WARNING), "i", Long.toString(value));
    LOG.info("snmpset {} highWarning {}: exit {}\n{}{}", laser, value, r.exitCode(), r.out(), r.err());
    return r;
  }

  private String snmpget(String laser) throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.NOC, product.snmp().port(), "-Oqv",
        cell(laser, ThresholdLevel.HIGH_WARNING));
    LOG.info("snmpget {} highWarning: exit {}\n{}{}", laser, r.exitCode(), r.out(), r.err());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return String.join("\n", r.lines());
  }

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aSetThatCannotBeStoredAnswersCommitFailedAndTheValueStays() throws Exception {
    start();
    String before = snmpget("els3/laser5");
    // The machine and CI run as root, whom mode bits do not stop: block the save with a directory
    // where the agent writes its temporary file.
    Path blocker = Files.createDirectories(stateFile().resolveSibling("thresholds.yaml.tmp"));

    NetSnmpTools.Result refused = snmpset("els3/laser5", 44000);

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("commitFailed");
    assertThat(snmpget("els3/laser5")).isEqualTo(before);
    assertThat(product.agent().thresholds().overrides()).doesNotContainKey("els3/laser5:bias");
    assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("els3/laser5:bias by snmp:ops refused, nothing changed",
        "cannot store thresholds in " + stateFile(), blocker + ": Is a directory"));

    Files.delete(blocker);
    NetSnmpTools.Result stored = snmpset("els3/laser5", 44000);
    assertThat(stored.exitCode()).as(stored.err()).isZero();
    assertThat(snmpget("els3/laser5")).isEqualTo("44000");
  }

  @Test
  void savedThresholdsSurviveARestartWithOneCorruptedEntry() throws Exception {
    start();
    assertThat(snmpset("els3/laser5", 44000).exitCode()).isZero();
    assertThat(snmpset("els3/laser6", 43000).exitCode()).isZero();
    product.stop();
    product = null;
    String corrupted = Files.readString(stateFile()) + "  \"els3/laser7:bias\": {highWarning: \"oops\"}\n";
    Files.writeString(stateFile(), corrupted);

    start();

    assertThat(snmpget("els3/laser5")).isEqualTo("44000");
    assertThat(snmpget("els3/laser6")).isEqualTo("43000");
    assertThat(warnings()).anySatisfy(w -> assertThat(w)
        .startsWith("saved threshold dropped: overrides.els3/laser7:bias.highWarning: must be a number"));
    List<Path> aside;
    try (Stream<Path> files = Files.list(stateFile().getParent())) {
      aside = files.filter(p -> p.getFileName().toString().startsWith("thresholds.yaml.rejected-")).toList();
    }
    assertThat(aside).singleElement().satisfies(p -> assertThat(Files.readString(p)).isEqualTo(corrupted));

    // The next SET keeps both saved changes, and so does the next restart.
    assertThat(snmpset("els3/laser8", 42000).exitCode()).isZero();
    log.list.clear();
    start();
    assertThat(snmpget("els3/laser5")).isEqualTo("44000");
    assertThat(snmpget("els3/laser6")).isEqualTo("43000");
    assertThat(snmpget("els3/laser8")).isEqualTo("42000");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aSavedFileThatIsNotYamlIsKeptAsideAndTheAgentStartsWithTheRuleFilesThresholds() throws Exception {
    Files.createDirectories(stateFile().getParent());
    byte[] garbage = {0x7b, 0x22, 0x6f, 0x76, 0x00, 0x01, (byte) 0xff, 0x5d, 0x5d, 0x0a};
    Files.write(stateFile(), garbage);

    start();

    assertThat(snmpget("els3/laser5")).isEqualTo("45500");
    assertThat(warnings()).singleElement().asString()
        .startsWith("saved thresholds " + stateFile() + " not used: it is not YAML")
        .contains("the rule file's thresholds apply");
    List<Path> aside;
    try (Stream<Path> files = Files.list(stateFile().getParent())) {
      aside = files.filter(p -> p.getFileName().toString().startsWith("thresholds.yaml.rejected-")).toList();
    }
    assertThat(aside).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(garbage));
    assertThat(snmpset("els3/laser5", 44000).exitCode()).isZero();
    start();
    assertThat(snmpget("els3/laser5")).isEqualTo("44000");
  }
}
