package dev.cpo.agent.bench;

import dev.cpo.agent.core.Agent;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One full poll cycle of the agent (HAL read of every sensor, thresholds, alarms, forecast, policies,
 * snapshot published) on a given profile at default settings, on a manual clock advanced 1 s per cycle
 * so that each cycle reads fresh physics. Timed in this JVM after a warm-up.
 */
final class PollCycle {

  /** The cycle times and the switch's size. */
  record Result(String profile, int ports, int sensors, Percentiles cycle) {
    /** Median cycle time per port, in microseconds: the growth figure across profiles. */
    double microsPerPort() {
      return cycle.millis(0.5) * 1000 / ports;
    }
  }

  private PollCycle() {}

  static Result measure(ConfigSource configs, Path dir, String profile, int warmups, int measured) throws Exception {
    ManualClock clock = new ManualClock();
    SimulatedSwitch sim = SimulatedSwitch.builder().profile(profile).seed(1).timeScale(1).load(0.6).clock(clock)
        .build();
    Agent agent = new Agent(configs.load(List.of("sim.profile=" + profile,
        "state.dir=" + dir.resolve("state-" + profile))), sim);
    try {
      for (int i = 0; i < warmups; i++) {
        clock.advance(Duration.ofSeconds(1));
        agent.pollOnce();
      }
      long[] nanos = new long[measured];
      for (int i = 0; i < measured; i++) {
        clock.advance(Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        agent.pollOnce();
        nanos[i] = System.nanoTime() - t0;
      }
      return new Result(profile, sim.inventory().portCount(), sim.inventory().sensors().size(),
          new Percentiles(nanos));
    } finally {
      agent.stop();
      sim.close();
    }
  }
}
