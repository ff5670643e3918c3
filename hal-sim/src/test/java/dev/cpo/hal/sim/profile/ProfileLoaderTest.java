package dev.cpo.hal.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {

  private final ProfileLoader loader = new ProfileLoader();

  @Test
  void everyBundledProfileLoadsByName() {
    for (String name : ProfileLoader.BUNDLED) {
      assertThat(loader.load(name).name()).isEqualTo(name);
    }
  }

  @Test
  void aVariantInheritsWhatItDoesNotState() {
    Profile npo = loader.load("npo-115t");
    Profile base = loader.load("quantum-x-photonics-115t");
    assertThat(npo.opticalEngines().fieldReplaceable()).isTrue();
    assertThat(npo.opticalEngines().count()).isEqualTo(base.opticalEngines().count());
    assertThat(npo.lasers()).isEqualTo(base.lasers());
    // Two levels: 409t extends 102t extends the default.
    Profile big = loader.load("spectrum-x-photonics-409t");
    assertThat(big.asics().model()).isEqualTo(loader.load("spectrum-x-photonics-102t").asics().model());
    assertThat(big.links()).isEqualTo(base.links());
  }

  @Test
  void anUnknownNameListsTheBundledProfiles() {
    assertThatThrownBy(() -> loader.load("quantum-x-9000")).isInstanceOf(ProfileException.class)
        .hasMessageContaining("quantum-x-9000").hasMessageContaining("npo-115t");
  }

  @Test
  void aProfileFileMayExtendABundledOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hot-lab.yaml");
    Files.writeString(file, "extends: quantum-x-photonics-115t\nname: hot-lab\ncooling:\n  inletCelsius: 50\n");
    Profile p = loader.load(file.toString());
    assertThat(p.name()).isEqualTo("hot-lab");
    assertThat(p.cooling().inletCelsius()).isEqualTo(50);
    assertThat(p.ports().count()).isEqualTo(144);
  }

  @Test
  void aBadValueIsRefusedNamingItsKey(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "extends: quantum-x-photonics-115t\nname: bad\ncooling:\n  flowLitresPerMinute: -1\n");
    assertThatThrownBy(() -> loader.load(file.toString())).isInstanceOf(ProfileException.class)
        .hasMessageContaining("cooling.flowLitresPerMinute").hasMessageContaining("-1");
  }

  @Test
  void anUnknownKeyIsRefusedNamingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "extends: quantum-x-photonics-115t\nname: typo\nports:\n  cuont: 12\n");
    assertThatThrownBy(() -> loader.load(file.toString())).isInstanceOf(ProfileException.class)
        .hasMessageContaining("cuont");
  }

  @Test
  void countsThatBreakTheMappingAreRefusedSayingWhich(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("odd.yaml");
    Files.writeString(file, "extends: quantum-x-photonics-115t\nname: odd\nopticalEngines:\n  count: 70\n");
    assertThatThrownBy(() -> loader.load(file.toString())).isInstanceOf(ProfileException.class)
        .hasMessageContaining("opticalEngines.count");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> loader.load("/nonexistent/p.yaml")).isInstanceOf(ProfileException.class)
        .hasMessageContaining("/nonexistent/p.yaml");
  }
}
