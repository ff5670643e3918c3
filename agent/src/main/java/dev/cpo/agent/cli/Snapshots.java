package dev.cpo.agent.cli;

import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.SwitchHal;
import dev.cpo.agent.control.ApiException;
import java.util.function.Supplier;

/** Direct HAL reads as a telemetry supplier, for in-process runs on a manual clock. */
final class Snapshots {

  private Snapshots() {}

  /** Reads the HAL on each call; a failed read becomes a 503 naming the HAL's reason. */
  static Supplier<HalSnapshot> of(SwitchHal hal) {
    return () -> {
      try {
        return hal.snapshot();
      } catch (HalException e) {
        throw new ApiException(503, "hal-read-failed", e.getMessage());
      }
    };
  }
}
