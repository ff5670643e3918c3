package dev.cpo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    AgentConfig c = ConfigLoader.load(null, List.of());
    assertThat(c.switchConfig().id()).isEqualTo("sw1");
    assertThat(c.sim().profile()).isEqualTo("quantum-x-photonics-115t");
    assertThat(c.snmp().port()).isEqualTo(1161);
    assertThat(c.snmp().bind()).isEqualTo("127.0.0.1");
    assertThat(c.traps().port()).isEqualTo(1162);
    assertThat(c.mqtt().url()).isEqualTo("embedded");
    assertThat(c.mqtt().embedded().port()).isEqualTo(1883);
    assertThat(c.control().port()).isEqualTo(8161);
  }

  @Test
  void theRepositoryConfigFileIsTheSameAsTheBundledDefaults() throws Exception {
    Path repoFile = Path.of(System.getenv().getOrDefault("CPO_REPO_ROOT", "..")).resolve("config/agent.yaml");
    assertThat(ConfigLoader.load(repoFile, List.of())).isEqualTo(ConfigLoader.load(null, List.of()));
  }

  @Test
  void aFileOverridesOnlyTheKeysItNames() throws Exception {
    AgentConfig c = ConfigLoader.load(write("snmp:\n  port: 11610\n"), List.of());
    assertThat(c.snmp().port()).isEqualTo(11610);
    assertThat(c.snmp().community()).isEqualTo("public");
  }

  @Test
  void setOverridesTheFileAndParsesScalars() throws Exception {
    AgentConfig c = ConfigLoader.load(write("snmp:\n  port: 11610\n"),
        List.of("snmp.port=0", "sim.timeScale=3600", "switch.id=lab7"));
    assertThat(c.snmp().port()).isZero();
    assertThat(c.sim().timeScale()).isEqualTo(3600.0);
    assertThat(c.switchConfig().id()).isEqualTo("lab7");
  }

  @Test
  void anUnknownKeyInTheFileIsNamedWithItsLine() throws Exception {
    Path f = write("snmp:\n  port: 1161\n  prot: 5\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'snmp.prot'")
        .hasMessageContaining("line 3")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("snmp.prot");
  }

  @Test
  void anOutOfRangeValueIsNamedWithItsLine() throws Exception {
    Path f = write("switch:\n  id: sw1\ncontrol:\n  port: 70000\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.port must be a port")
        .hasMessageContaining("70000")
        .hasMessageContaining("line 4");
  }

  @Test
  void aValueOfTheWrongTypeIsNamed() throws Exception {
    Path f = write("polling:\n  fastIntervalMs: soon\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("polling.fastIntervalMs")
        .hasMessageContaining("line 2");
  }

  @Test
  void aBadSetNamesTheKeyAndSaysItCameFromSet() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sim.load=1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sim.load must be in [0.0, 1.0], was 1.5")
        .hasMessageContaining("--set");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("nosuch.key=1")))
        .hasMessageContaining("unknown key 'nosuch.key'");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("snmp.port")))
        .hasMessageContaining("expected dotted.key=value");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() throws Exception {
    Path f = write("snmp:\n  port: [1161\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML")
        .hasMessageMatching("(?s).*line \\d+.*");
  }

  @Test
  void aMissingFileIsNamed() {
    Path f = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .hasMessageContaining(f + ": no such config file");
  }

  @Test
  void aBadSwitchIdIsRejectedBecauseItIsATopicLevel() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("switch.id=a/b")))
        .hasMessageContaining("switch.id may hold only");
  }

  @Test
  void aNonEmbeddedMqttUrlMustBeTcpOrSsl() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("mqtt.url=http://x")))
        .hasMessageContaining("mqtt.url must be 'embedded'");
  }
}
