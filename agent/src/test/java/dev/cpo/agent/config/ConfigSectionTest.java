package dev.cpo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component's own section goes in without the loader knowing it: the seam new northbounds use. */
class ConfigSectionTest {

  /** A section as a new northbound would declare it, in its own package. */
  record DemoConfig(String bind, int port) {
    static final ConfigSection<DemoConfig> SECTION = ConfigSection.of("demo", DemoConfig.class);

    DemoConfig {
      Checks.notBlank("bind", bind);
      Checks.port("port", port);
    }
  }

  @TempDir Path dir;

  private static ObjectNode defaults() throws Exception {
    return (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(
        "switch:\n  id: sw1\ndemo:\n  bind: 127.0.0.1\n  port: 9339\n");
  }

  private static final List<ConfigSection<?>> SECTIONS = List.of(SwitchConfig.SECTION, DemoConfig.SECTION);

  @Test
  void aDeclaredSectionIsBoundFromTheDefaultsTheFileAndSet() throws Exception {
    Path f = Files.writeString(dir.resolve("a.yaml"), "demo:\n  bind: 0.0.0.0\n");
    AgentConfig c = ConfigLoader.load(defaults(), f, List.of("demo.port=0"), SECTIONS);
    assertThat(c.get(DemoConfig.SECTION)).isEqualTo(new DemoConfig("0.0.0.0", 0));
    assertThat(c.switchId()).isEqualTo("sw1");
    assertThat(c.sections()).containsExactly(SwitchConfig.SECTION, DemoConfig.SECTION);
  }

  @Test
  void aBadValueInTheSectionIsNamedWithKeyAndLine() throws Exception {
    Path f = Files.writeString(dir.resolve("a.yaml"), "switch:\n  id: sw1\ndemo:\n  port: 70000\n");
    assertThatThrownBy(() -> ConfigLoader.load(defaults(), f, List.of(), SECTIONS))
        .isInstanceOf(ConfigException.class)
        .hasMessage("demo.port must be a port 0..65535 (0 picks a free one), was 70000 (" + f + " line 4)")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("demo.port");
  }

  @Test
  void aTopLevelKeyNoSectionDeclaresIsUnknownEvenWhenTheDefaultsHaveIt() throws Exception {
    Path f = Files.writeString(dir.resolve("a.yaml"), "demo:\n  port: 1\n");
    // The loader is given only the switch section: 'demo' is then no key of this product.
    assertThatThrownBy(() -> ConfigLoader.load(defaults(), f, List.of(), List.of(SwitchConfig.SECTION)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown key 'demo'")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> ConfigLoader.load(defaults(), null, List.of("demo.port=1"), List.of(SwitchConfig.SECTION)))
        .hasMessageContaining("unknown key 'demo.port'");
  }

  @Test
  void aSectionNotLoadedIsAnErrorNamingIt() throws Exception {
    AgentConfig c = ConfigLoader.load(defaults(), null, List.of(), List.of(SwitchConfig.SECTION));
    assertThat(c.has(DemoConfig.SECTION)).isFalse();
    assertThatThrownBy(() -> c.get(DemoConfig.SECTION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config section 'demo' was not loaded");
  }

  @Test
  void aSectionWithoutBundledDefaultsIsABuildErrorNotAUserError() throws Exception {
    ConfigSection<DemoConfig> other = ConfigSection.of("other", DemoConfig.class);
    assertThatThrownBy(() -> ConfigLoader.load(defaults(), null, List.of(), List.of(other)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'other' has no defaults");
  }

  @Test
  void aSectionNameIsOneKey() {
    assertThatThrownBy(() -> ConfigSection.of("a.b", DemoConfig.class)).isInstanceOf(IllegalArgumentException.class);
  }
}
