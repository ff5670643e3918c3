package dev.cpo.agent.testing;

import dev.cpo.agent.core.Agent;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real simulated switch on a manual clock with an agent polling it by hand: tests read like the
 * incident ("inject laser-failure on els3/laser5, run a minute, one alarm").
 */
public final class SimRig implements AutoCloseable {

  public final ManualClock clock = new ManualClock();
  public final SimulatedSwitch sim;
  public final Agent agent;
  public final EventRecorder events;

  public SimRig(Path stateDir, String profile, java.util.List<String> sets) {
    sim = SimulatedSwitch.builder().profile(profile).seed(1).timeScale(1).load(0.6).clock(clock).build();
    // The test drives time: a read that simulates hours of physics may take longer than the product's
    // wall-clock HAL timeout, which tests of timeouts set back on purpose.
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("polling.halTimeoutMs=60000"));
    all.addAll(sets);
    agent = new Agent(TestAgents.config(stateDir, all.toArray(String[]::new)), sim);
    events = new EventRecorder(agent.events());
    agent.pollOnce();
  }

  public SimRig(Path stateDir, String... sets) {
    this(stateDir, "quantum-x-photonics-115t", java.util.List.of(sets));
  }

  public ActiveFault inject(String type, String target) {
    return sim.faults().inject(FaultRequest.of(type, target));
  }

  public ActiveFault inject(String type, String target, Map<String, Double> parameters) {
    return sim.faults().inject(new FaultRequest(type, target, parameters));
  }

  public ActiveFault inject(String type, String target, Map<String, Double> parameters, Map<String, String> options) {
    return sim.faults().inject(new FaultRequest(type, target, parameters, options));
  }

  /** Advances the clock by {@code step} and polls, until {@code total} has passed. */
  public SimRig run(Duration total, Duration step) {
    for (long t = 0; t < total.toMillis(); t += step.toMillis()) {
      clock.advance(step);
      agent.pollOnce();
    }
    return this;
  }

  /** Runs at the default 1 s poll interval. */
  public SimRig runSeconds(int seconds) {
    return run(Duration.ofSeconds(seconds), Duration.ofSeconds(1));
  }

  public double reading(String entity, SensorKind kind) {
    HalSnapshot snap = agent.latest().hal();
    Sensor s = snap.inventory().sensor(entity, kind).orElseThrow();
    return snap.value(s.index());
  }

  public boolean active(String alarmId) {
    return agent.latest().activeAlarms().stream().anyMatch(a -> a.id().equals(alarmId));
  }

  @Override
  public void close() {
    agent.stop();
    sim.close();
  }
}
