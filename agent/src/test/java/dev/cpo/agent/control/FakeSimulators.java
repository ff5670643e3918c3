package dev.cpo.agent.control;

import dev.cpo.hal.sim.SimulatorControl;

/** Public access to the fake simulator for tests in other packages. */
public final class FakeSimulators {

  public static final String LASER = "els1/laser1";

  private FakeSimulators() {}

  public static SimulatorControl create() {
    return new FakeSimulator();
  }
}
