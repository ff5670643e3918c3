package dev.cpo.agent.control;

import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.function.Supplier;

/** The real simulated switch (default profile) on a manual clock, for tests of the API over it. */
public final class RealSwitch {

  /** Laser 5 of ELS 3: feeds lane 3 of ports 17-20. */
  public static final String LASER = "els3/laser5";

  private RealSwitch() {}

  public static SimulatedSwitch create(ManualClock clock) {
    return SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).clock(clock).build();
  }

  public static SimulatedSwitch create() {
    return create(new ManualClock());
  }

  /** Direct snapshots as the API's telemetry source. */
  public static Supplier<HalSnapshot> snapshots(SimulatedSwitch sim) {
    return () -> {
      try {
        return sim.snapshot();
      } catch (HalException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
