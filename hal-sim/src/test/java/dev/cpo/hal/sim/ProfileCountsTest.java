package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bundled profile loads, and its counts are DOMAIN.md's. */
class ProfileCountsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // profile,                  ports, asics, engines, modules, lasers, engines are FRU
    "quantum-x-photonics-115t,   144,   4,     72,      18,      144,    false",
    "npo-115t,                   144,   4,     72,      18,      144,    true",
    "spectrum-x-photonics-102t,  128,   1,     32,      16,      128,    false",
    "spectrum-x-photonics-409t,  512,   4,     128,     64,      512,    false",
    "tomahawk5-bailly-51t,       64,    1,     8,       8,       64,     false",
  })
  void everyProfileLoadsWithTheCountsOfDomainMd(
      String profile, int ports, int asics, int engines, int modules, int lasers, boolean engineFru) {
    Inventory inv = Probe.of(profile, 1).sim.inventory();

    assertThat(inv.profile()).isEqualTo(profile);
    assertThat(inv.entitiesOf(EntityClass.PORT)).hasSize(ports);
    assertThat(inv.entitiesOf(EntityClass.LANE)).hasSize(ports * 4);
    assertThat(inv.entitiesOf(EntityClass.ASIC)).hasSize(asics);
    assertThat(inv.entitiesOf(EntityClass.OPTICAL_ENGINE)).hasSize(engines)
        .allMatch(e -> e.fieldReplaceable() == engineFru);
    assertThat(inv.entitiesOf(EntityClass.LASER_MODULE)).hasSize(modules).allMatch(Entity::fieldReplaceable);
    assertThat(inv.entitiesOf(EntityClass.LASER)).hasSize(lasers);
    assertThat(inv.laserMappings()).hasSize(lasers);
    assertThat(inv.portSpeedMbps()).isEqualTo(800_000);
    // Every lane gets light from exactly one laser.
    assertThat(inv.laserMappings().stream().flatMap(m -> m.lanes().stream()).distinct().count())
        .isEqualTo(ports * 4L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"quantum-x-photonics-115t", "spectrum-x-photonics-409t", "tomahawk5-bailly-51t"})
  void laserModuleEFeedsPorts8eMinus7To8e(String profile) {
    Inventory inv = Probe.of(profile, 1).sim.inventory();
    for (LaserMapping m : inv.laserMappings()) {
      int module = Integer.parseInt(m.laser().substring(3, m.laser().indexOf('/')));
      int laser = Integer.parseInt(m.laser().substring(m.laser().indexOf("laser") + 5));
      int firstPort = laser % 2 == 1 ? 8 * (module - 1) + 1 : 8 * (module - 1) + 5;
      assertThat(m.lanes()).extracting(LaneRef::port)
          .containsExactly(firstPort, firstPort + 1, firstPort + 2, firstPort + 3);
      assertThat(m.lanes()).extracting(LaneRef::lane).containsOnly((laser + 1) / 2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"quantum-x-photonics-115t", "npo-115t"})
  void eachLaserModuleFeedsOneEngineOnEachAsic(String profile) {
    Inventory inv = Probe.of(profile, 1).sim.inventory();
    assertThat(inv.mappingOf("els3/laser5").orElseThrow().engines()).containsExactly("oe39");
    assertThat(inv.laserMappings().stream().filter(m -> m.laser().startsWith("els3/"))
        .flatMap(m -> m.engines().stream()).distinct()).containsExactlyInAnyOrder("oe3", "oe21", "oe39", "oe57");
  }
}
