package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityAddress;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Port, lane, laser-module and laser numbers are properties of the entity: nobody parses names. */
class EntityAddressingTest {

  private final Probe probe = Probe.defaultSwitch();
  private final Inventory inv = probe.sim.inventory();

  @Test
  void everyEntityCarriesTheNumbersItsNameSays() {
    Entity lane = inv.require("port42/lane3");
    assertThat(lane.port()).isEqualTo(42);
    assertThat(lane.lane()).isEqualTo(3);
    assertThat(inv.require("port42").port()).isEqualTo(42);
    Entity laser = inv.require("els3/laser5");
    assertThat(laser.laserModule()).isEqualTo(3);
    assertThat(laser.laser()).isEqualTo(5);
    assertThat(inv.require("els3").laserModule()).isEqualTo(3);
    assertThat(inv.require("oe17").number()).isEqualTo(17);
    assertThat(inv.require("chassis").number()).isEqualTo(1);
    // The simulator's explicit addresses agree with its naming scheme, for every entity.
    for (Entity e : inv.entities()) {
      assertThat(e.address()).as(e.name()).isEqualTo(EntityAddress.fromName(e.entityClass(), e.name()));
    }
  }

  @Test
  void aNumberTheEntityDoesNotHaveIsAnError() {
    assertThatThrownBy(() -> inv.require("fan1").port()).isInstanceOf(IllegalStateException.class)
        .hasMessage("fan1 (fan) has no port number");
    assertThatThrownBy(() -> inv.require("port42").lane()).hasMessage("port42 (port) has no lane number");
  }

  @Test
  void anAddressThatDoesNotFitTheClassIsRefused() {
    assertThatThrownBy(() -> new Entity(0, "port1", EntityClass.PORT, null, 1, false, "", "m", "d",
        EntityAddress.lane(1, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit a port");
    assertThatThrownBy(() -> EntityAddress.fromName(EntityClass.LANE, "port4")).hasMessageContaining("portN/laneM");
  }

  @Test
  void countersAndStatesAreKeyedByTheEntity() {
    HalSnapshot s = probe.run(Duration.ofSeconds(5)).snapshot();
    Entity port = inv.port(42).orElseThrow();
    Entity lane = inv.require("port42/lane3");
    assertThat(port.name()).isEqualTo("port42");
    assertThat(inv.port(inv.portCount() + 1)).isEmpty();
    assertThat(s.portCounter(CounterKind.RX_OCTETS, port)).isPositive()
        .isEqualTo(s.portCounter(CounterKind.RX_OCTETS, 42));
    assertThat(s.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, lane))
        .isEqualTo(s.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, 3));
    assertThat(s.counters(lane)).containsKeys(CounterKind.FEC_CORRECTED_CODEWORDS, CounterKind.FEC_UNCORRECTABLE_CODEWORDS)
        .allSatisfy((k, v) -> assertThat(k.entityClass()).isEqualTo(EntityClass.LANE));
    assertThat(s.counters(inv.require("fan1"))).isEmpty();
    assertThat(s.entityStatus(lane)).isEqualTo(s.entityStatus("port42/lane3"));
    assertThatThrownBy(() -> s.portCounter(CounterKind.RX_OCTETS, lane)).hasMessageContaining("is not a port");
  }
}
