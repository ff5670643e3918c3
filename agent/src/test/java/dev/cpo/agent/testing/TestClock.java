package dev.cpo.agent.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, for the fake switch (the simulator brings its own ManualClock). */
public final class TestClock extends Clock {

  private volatile long millis;

  public TestClock(long startMillis) {
    this.millis = startMillis;
  }

  public void advance(Duration d) {
    millis += d.toMillis();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public long millis() {
    return millis;
  }
}
