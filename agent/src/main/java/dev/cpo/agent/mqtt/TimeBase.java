package dev.cpo.agent.mqtt;

import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The agent's clock (the simulator's, the one every reading, alarm and {@code ts} is taken from) beside
 * the wall clock. Where they part (a {@code sim.timeScale} other than 1, or simulated time away from
 * wall time after a change of scale), every payload also says {@code wall_ts} and {@code time_scale}, so
 * a consumer never mistakes simulated time for wall time.
 *
 * @param clock the agent's clock, the source of {@code ts}
 * @param wall the wall clock, the source of {@code wall_ts}
 * @param timeScale simulated seconds per wall-clock second, now
 */
public record TimeBase(Clock clock, Clock wall, DoubleSupplier timeScale) {

  /** Simulated time further than this from wall time is shown even at scale 1. */
  static final long DRIFT_SHOWN_MS = 1_000;

  public TimeBase {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(timeScale, "timeScale");
  }

  /** Wall time only (an agent on real hardware). */
  public static TimeBase wallOnly() {
    return new TimeBase(Clock.systemUTC(), Clock.systemUTC(), () -> 1);
  }

  /** The agent's clock at real speed, with the system wall clock beside it. */
  public static TimeBase of(Clock clock) {
    return new TimeBase(clock, Clock.systemUTC(), () -> 1);
  }

  /** The agent's clock now: the {@code ts} of a message about now (status, meta, a command reply). */
  public long now() {
    return clock.millis();
  }
}
