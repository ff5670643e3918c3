package dev.cpo.agent.cli;

import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.SimConfig;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Clock;

/** Builds the simulated switch from the {@code sim} config section. */
final class Simulators {

  private Simulators() {}

  /**
   * @param clock a manual clock for in-process runs, or null for the scaled wall clock
   * @throws ConfigException naming {@code sim.profile} (or the setting) when the simulator refuses it
   */
  static SimulatedSwitch build(SimConfig sim, Clock clock) throws ConfigException {
    try {
      return SimulatedSwitch.builder().profile(sim.profile()).seed(sim.seed()).timeScale(sim.timeScale())
          .load(sim.load()).clock(clock).build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sim.profile", "sim.profile '" + sim.profile() + "': " + e.getMessage());
    }
  }
}
