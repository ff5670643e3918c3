package dev.cpo.hal.sim;

import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.time.Duration;

/** Reads a simulator the way a test talks about it: "the bias of els3/laser5 after a minute". */
final class Probe {

  final SimulatedSwitch sim;
  final ManualClock clock;

  Probe(SimulatedSwitch sim, ManualClock clock) {
    this.sim = sim;
    this.clock = clock;
  }

  static Probe defaultSwitch() {
    return of("quantum-x-photonics-115t", 1);
  }

  static Probe of(String profile, long seed) {
    ManualClock clock = new ManualClock();
    SimulatedSwitch sim = SimulatedSwitch.builder().profile(profile).seed(seed).load(0.6).clock(clock).build();
    return new Probe(sim, clock);
  }

  HalSnapshot snapshot() {
    try {
      return sim.snapshot();
    } catch (HalException e) {
      throw new IllegalStateException(e);
    }
  }

  Probe run(Duration d) {
    clock.advance(d);
    return this;
  }

  Probe runSeconds(double seconds) {
    clock.advance(Duration.ofMillis(Math.round(seconds * 1000)));
    return this;
  }

  double value(String entity, SensorKind kind) {
    return value(snapshot(), entity, kind);
  }

  static double value(HalSnapshot snap, String entity, SensorKind kind) {
    Sensor s = snap.inventory().sensor(entity, kind)
        .orElseThrow(() -> new IllegalArgumentException("no " + kind + " sensor on " + entity));
    return snap.value(s.index());
  }
}
