package dev.cpo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.SimConfig;
import dev.cpo.agent.control.ControlConfig;
import dev.cpo.agent.mqtt.MqttConfig;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.TrapsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("agent.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void theBundledDefaultsMatchTheSpecContracts() throws Exception {
    AgentConfig c = AgentSections.load(null, List.of());
    assertThat(c.switchId()).isEqualTo("sw1");
    assertThat(c.get(SimConfig.SECTION).profile()).isEqualTo("quantum-x-photonics-115t");
    assertThat(c.get(SnmpConfig.SECTION).port()).isEqualTo(1161);
    assertThat(c.get(SnmpConfig.SECTION).bind()).isEqualTo("127.0.0.1");
    assertThat(c.get(TrapsConfig.SECTION).port()).isEqualTo(1162);
    assertThat(c.get(MqttConfig.SECTION).url()).isEqualTo("embedded");
    assertThat(c.get(MqttConfig.SECTION).embedded().port()).isEqualTo(1883);
    assertThat(c.get(ControlConfig.SECTION).port()).isEqualTo(8161);
  }

  @Test
  void theRepositoryConfigFileIsTheSameAsTheBundledDefaults() throws Exception {
    Path repoFile = Path.of(System.getenv().getOrDefault("CPO_REPO_ROOT", "..")).resolve("config/agent.yaml");
    assertThat(AgentSections.load(repoFile, List.of())).isEqualTo(AgentSections.load(null, List.of()));
  }

  @Test
  void aFileOverridesOnlyTheKeysItNames() throws Exception {
    AgentConfig c = AgentSections.load(write("snmp:\n  port: 11610\n"), List.of());
    assertThat(c.get(SnmpConfig.SECTION).port()).isEqualTo(11610);
    assertThat(c.get(SnmpConfig.SECTION).community()).isEqualTo("public");
  }

  @Test
  void setOverridesTheFileAndParsesScalars() throws Exception {
    AgentConfig c = AgentSections.load(write("snmp:\n  port: 11610\n"),
        List.of("snmp.port=0", "sim.timeScale=3600", "switch.id=lab7"));
    assertThat(c.get(SnmpConfig.SECTION).port()).isZero();
    assertThat(c.get(SimConfig.SECTION).timeScale()).isEqualTo(3600.0);
    assertThat(c.switchId()).isEqualTo("lab7");
  }

  @Test
  void anUnknownKeyInTheFileIsNamedWithItsLine() throws Exception {
    Path f = write("snmp:\n  port: 1161\n  prot: 5\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'snmp.prot'")
        .hasMessageContaining("line 3")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("snmp.prot");
  }

  @Test
  void anOutOfRangeValueIsNamedWithItsLine() throws Exception {
    Path f = write("switch:\n  id: sw1\ncontrol:\n  port: 70000\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.port must be a port")
        .hasMessageContaining("70000")
        .hasMessageContaining("line 4");
  }

  @Test
  void aValueOfTheWrongTypeIsNamed() throws Exception {
    Path f = write("polling:\n  fastIntervalMs: soon\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("polling.fastIntervalMs")
        .hasMessageContaining("line 2");
  }

  @Test
  void aBadSetNamesTheKeyAndSaysItCameFromSet() {
    assertThatThrownBy(() -> AgentSections.load(null, List.of("sim.load=1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sim.load must be in [0.0, 1.0], was 1.5")
        .hasMessageContaining("--set");
    assertThatThrownBy(() -> AgentSections.load(null, List.of("nosuch.key=1")))
        .hasMessageContaining("unknown key 'nosuch.key'");
    assertThatThrownBy(() -> AgentSections.load(null, List.of("snmp.port")))
        .hasMessageContaining("expected dotted.key=value");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() throws Exception {
    Path f = write("snmp:\n  port: [1161\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML")
        .hasMessageMatching("(?s).*line \\d+.*");
  }

  @Test
  void aMissingFileIsNamed() {
    Path f = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .hasMessageContaining(f + ": no such config file");
  }

  @Test
  void aBadSwitchIdIsRejectedBecauseItIsATopicLevel() {
    assertThatThrownBy(() -> AgentSections.load(null, List.of("switch.id=a/b")))
        .hasMessageContaining("switch.id may hold only");
  }

  @Test
  void aNonEmbeddedMqttUrlMustBeTcpOrSsl() {
    assertThatThrownBy(() -> AgentSections.load(null, List.of("mqtt.url=http://x")))
        .hasMessageContaining("mqtt.url must be 'embedded'");
  }

  @Test
  void aKeyGivenTwiceInOneMappingIsRefusedWithItsLine() throws Exception {
    Path f = write("snmp:\n  port: 1161\n  port: 1162\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("snmp.port: the key is given twice in one mapping (" + f + " line 3)")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("snmp.port");
  }

  @Test
  void aFractionWhereAPortGoesIsRefusedNotRounded() throws Exception {
    Path f = write("snmp:\n  port: 1161.5\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .hasMessage("snmp.port must be a whole number, was 1161.5 (" + f + " line 2)");
  }

  @Test
  void aWordWhereANumberGoesIsSaidInOurWordsNotJacksons() {
    assertThatThrownBy(() -> AgentSections.load(null, List.of("sim.timeScale=fast")))
        .hasMessage("sim.timeScale must be a number, was 'fast' (from --set)");
  }

  @Test
  void aYamlSyntaxErrorIsOneLine() throws Exception {
    Path f = write("snmp:\n  port: [1161\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .hasMessageStartingWith(f + " line ")
        .hasMessageContaining("not valid YAML: while parsing a flow sequence: expected ',' or ']'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("^"));
  }

  @Test
  void anUnknownKeyGetsTheNearestKnownOne() throws Exception {
    Path f = write("snmp:\n  prot: 1161\n");
    assertThatThrownBy(() -> AgentSections.load(f, List.of()))
        .hasMessage("unknown key 'snmp.prot' (did you mean 'snmp.port'?) (" + f + " line 2)");
    assertThatThrownBy(() -> AgentSections.load(null, List.of("mqtt.embedded.prot=1")))
        .hasMessage("--set mqtt.embedded.prot: unknown key 'mqtt.embedded.prot' (did you mean 'mqtt.embedded.port'?)");
  }
}
