package dev.cpo.agent.snmp.bench;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.HalException;
import dev.cpo.hal.sim.SimulatedSwitch;

/** The default simulated switch frozen at one snapshot, as the agent core would publish it. */
final class BenchSwitch {

  private BenchSwitch() {}

  static FixedAgentView view() throws HalException {
    SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1)
        .load(0.6).clock(null).build();
    return new FixedAgentView(sim.snapshot());
  }
}
