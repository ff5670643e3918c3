package dev.cpo.hal.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to. Tests hand the same instance to the simulator and the agent
 * and drive both with {@link #advance(Duration)}. Thread-safe. Millisecond resolution.
 */
public final class ManualClock extends Clock {

  /** Where a manual clock starts unless told otherwise: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicLong millis;
  private final ZoneId zone;

  public ManualClock() {
    this(DEFAULT_START);
  }

  public ManualClock(Instant start) {
    this(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
  }

  private ManualClock(AtomicLong millis, ZoneId zone) {
    this.millis = millis;
    this.zone = zone;
  }

  /** Moves the clock forward. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + d);
    }
    millis.addAndGet(d.toMillis());
  }

  /** Moves the clock forward to {@code instant}; refuses to go back. */
  public void set(Instant instant) {
    long target = instant.toEpochMilli();
    millis.getAndUpdate(now -> {
      if (target < now) {
        throw new IllegalArgumentException("a clock does not go back: " + instant + " < " + Instant.ofEpochMilli(now));
      }
      return target;
    });
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that shares this clock's time. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new ManualClock(millis, zone);
  }

  @Override
  public String toString() {
    return "ManualClock[" + instant() + "]";
  }
}
