package dev.cpo.agent.testing;

import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Duration;
import java.time.Instant;

/** Snapshots of the real simulator (default profile, seed 1) at a chosen time, for tests that need one. */
public final class SimSnapshots {

  private SimSnapshots() {}

  /** The default profile's snapshot a few seconds after {@code timeMillis}, every sensor sampled. */
  public static HalSnapshot at(long timeMillis) {
    return at(timeMillis, null);
  }

  /** The same with the sensors of {@code unreadable} (an entity) under a read error, or none when null. */
  public static HalSnapshot at(long timeMillis, String unreadable) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(timeMillis));
    try (SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).load(0.6)
        .clock(clock).build()) {
      if (unreadable != null) {
        sim.faults().inject(FaultRequest.of(FaultCatalog.SENSOR_READ_ERROR, unreadable));
      }
      clock.advance(Duration.ofSeconds(5));
      return sim.snapshot();
    } catch (HalException e) {
      throw new IllegalStateException(e);
    }
  }
}
