package dev.cpo.agent.cli;

import dev.cpo.agent.control.FakeSimulators;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.sim.SimulatorControl;
import java.util.function.Supplier;

/** The simulator CLI tests run against. */
final class TestSimulators {

  /** A laser of the test switch. */
  static final String LASER = FakeSimulators.LASER;

  private TestSimulators() {}

  static SimulatorControl simulator() {
    return FakeSimulators.create();
  }

  static Supplier<HalSnapshot> snapshots(SimulatorControl sim) {
    return () -> {
      try {
        return sim.hal().snapshot();
      } catch (HalException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
