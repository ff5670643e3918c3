package dev.cpo.agent.cli;

import dev.cpo.agent.cli.SimConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.hal.sim.SimulatedSwitch;
import dev.cpo.hal.sim.profile.Profile;
import dev.cpo.hal.sim.profile.ProfileLoader;
import java.time.Clock;
import java.time.Duration;

/** Builds the simulated switch from the {@code sim} config section. */
final class Simulators {

  /**
   * On the scaled wall clock the physics also advances in the background, so module flags latch and
   * interrupts fire between the agent's reads (the fault-to-notification path does not wait for a poll).
   */
  private static final Duration TICK = Duration.ofMillis(100);

  private Simulators() {}

  /**
   * @param clock a manual clock for in-process runs, or null for the scaled wall clock
   * @throws ConfigException naming {@code sim.profile} (or the setting) when the simulator refuses it
   */
  static SimulatedSwitch build(SimConfig sim, Clock clock) throws ConfigException {
    return build(sim, clock, profile(sim));
  }

  /** As {@link #build(SimConfig, Clock)}, on a profile already loaded with {@link #profile}. */
  static SimulatedSwitch build(SimConfig sim, Clock clock, Profile profile) throws ConfigException {
    try {
      return SimulatedSwitch.builder().profile(profile).seed(sim.seed()).timeScale(sim.timeScale())
          .load(sim.load()).clock(clock).autoAdvance(clock == null ? TICK : null).build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sim.profile", "sim.profile '" + sim.profile() + "': " + e.getMessage());
    }
  }

  /**
   * Loads {@code sim.profile} without building a simulator (which logs that it is ready): {@code run}
   * checks the profile, then the host, then builds.
   *
   * @throws ConfigException naming {@code sim.profile} when it cannot be loaded
   */
  static Profile profile(SimConfig sim) throws ConfigException {
    try {
      return new ProfileLoader().load(sim.profile());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sim.profile", "sim.profile '" + sim.profile() + "': " + e.getMessage());
    }
  }
}
