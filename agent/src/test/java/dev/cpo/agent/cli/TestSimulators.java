package dev.cpo.agent.cli;

import dev.cpo.agent.control.RealSwitch;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.function.Supplier;

/** The simulator CLI tests run against: the real one, default profile, on a manual clock. */
final class TestSimulators {

  /** A laser of the default switch. */
  static final String LASER = RealSwitch.LASER;

  private TestSimulators() {}

  static SimulatedSwitch simulator() {
    return RealSwitch.create();
  }

  static Supplier<HalSnapshot> snapshots(SimulatedSwitch sim) {
    return RealSwitch.snapshots(sim);
  }
}
