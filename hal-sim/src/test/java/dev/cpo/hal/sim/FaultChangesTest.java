package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultException;
import dev.cpo.hal.fault.FaultRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The injector's change count moves with every change of the active list and with nothing else, so a watcher
 * (the console's feed) can poll it instead of the list, whose read steps the physics.
 */
class FaultChangesTest {

  private final Probe probe = Probe.defaultSwitch();

  @Test
  void theCountMovesOnInjectClearAndInsertionAndNotOnReadsRefusalsOrTime() {
    var faults = probe.sim.faults();
    long start = faults.changes();
    assertThat(start).isNotNegative();

    ActiveFault f = faults.inject(FaultRequest.of("laser-failure", "els3/laser5"));
    long injected = faults.changes();
    assertThat(injected).isNotEqualTo(start);

    probe.clock.advance(Duration.ofSeconds(30));
    faults.active();
    catchThrowableOfType(FaultException.class, () -> faults.inject(FaultRequest.of("laser-failure", "port42")));
    catchThrowableOfType(FaultException.class, () -> faults.clear("f999"));
    assertThat(faults.changes()).as("reads, time and refused requests change nothing").isEqualTo(injected);

    faults.clear(f.id());
    long cleared = faults.changes();
    assertThat(cleared).isNotEqualTo(injected);

    faults.inject(FaultRequest.of("els-removal", "els4"));
    long removed = faults.changes();
    faults.inject(FaultRequest.of("els-insertion", "els4"));
    assertThat(removed).isNotEqualTo(cleared);
    assertThat(faults.changes()).as("an insertion resolves the removal").isNotEqualTo(removed);
    assertThat(faults.active()).isEmpty();
  }

  @Test
  void aListenerIsToldOfEachChangeTheCountMakesOnceInEffectAndOfNothingElse() {
    var faults = probe.sim.faults();
    java.util.List<Long> told = new java.util.ArrayList<>();
    java.util.List<Integer> activeWhenTold = new java.util.ArrayList<>();
    Runnable listener = () -> {
      told.add(faults.changes());
      activeWhenTold.add(faults.active().size());
    };
    assertThat(faults.addChangeListener(listener)).isTrue();

    ActiveFault f = faults.inject(FaultRequest.of("laser-failure", "els3/laser5"));
    catchThrowableOfType(FaultException.class, () -> faults.inject(FaultRequest.of("laser-failure", "port42")));
    catchThrowableOfType(FaultException.class, () -> faults.clear("f999"));
    probe.clock.advance(Duration.ofSeconds(30));
    faults.active();
    assertThat(told).as("one injection; refusals, reads and time tell nothing").hasSize(1);
    faults.clear(f.id());

    // Told after the change, outside the lock: the listener could read the new list.
    assertThat(told).hasSize(2).doesNotHaveDuplicates().last().isEqualTo(faults.changes());
    assertThat(activeWhenTold).containsExactly(1, 0);

    faults.removeChangeListener(listener);
    faults.inject(FaultRequest.of("fan-failure", "fan2"));
    assertThat(told).hasSize(2);
  }
}
