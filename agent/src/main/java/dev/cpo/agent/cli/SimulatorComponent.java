package dev.cpo.agent.cli;

import dev.cpo.agent.config.SimConfig;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Duration;

/**
 * The simulated switch as the first component of the product. Built at once (the agent needs its
 * inventory to be constructed); closed last. A background tick lets module flags latch, and interrupts
 * fire, between the agent's reads.
 */
public final class SimulatorComponent implements Component {

  private static final Duration TICK = Duration.ofMillis(100);

  private final SimulatedSwitch simulator;

  public SimulatorComponent(SimConfig config) {
    this.simulator = SimulatedSwitch.builder().profile(config.profile()).seed(config.seed())
        .timeScale(config.timeScale()).load(config.load()).autoAdvance(TICK).build();
  }

  /** The switch: its HAL for the agent, its controls and faults for the control API. */
  public SimulatedSwitch simulator() {
    return simulator;
  }

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public void start() {
    // Already running: built in the constructor so the agent can read its inventory.
  }

  @Override
  public void stop() {
    simulator.close();
  }
}
