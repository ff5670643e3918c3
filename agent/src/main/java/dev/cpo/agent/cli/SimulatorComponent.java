package dev.cpo.agent.cli;

import dev.cpo.agent.lifecycle.Component;
import dev.cpo.hal.sim.SimulatedSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulated switch as the first component of {@code run}: it is built ready, and closed last. */
final class SimulatorComponent implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

  private final SimulatedSwitch sim;

  SimulatorComponent(SimulatedSwitch sim) {
    this.sim = sim;
  }

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public void start() {
    // The switch computes its state from its clock when read, so there is no thread to start.
    LOG.info("simulator running profile {} at {}x", sim.inventory().profile(), sim.settings().timeScale());
  }

  @Override
  public void stop() {
    sim.close();
  }
}
