package dev.cpo.hal.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulated time running at {@code scale} simulated seconds per wall-clock second. Changing the scale
 * re-anchors at the current simulated time, so simulated time never jumps. Thread-safe.
 */
public final class ScaledClock extends Clock {

  /** One straight piece of simulated time: from (wallNanos, simMillis) at {@code scale}. */
  private static final class Segment {
    final long wallNanos;
    final double simMillis;
    final double scale;

    Segment(long wallNanos, double simMillis, double scale) {
      this.wallNanos = wallNanos;
      this.simMillis = simMillis;
      this.scale = scale;
    }

    double at(long nowNanos) {
      return simMillis + (nowNanos - wallNanos) / 1e6 * scale;
    }
  }

  private final AtomicReference<Segment> segment;
  private final ZoneId zone;

  /** Starts at the current wall time. */
  public ScaledClock(double scale) {
    this(Instant.now(), scale);
  }

  public ScaledClock(Instant start, double scale) {
    checkScale(scale);
    this.segment = new AtomicReference<>(new Segment(System.nanoTime(), start.toEpochMilli(), scale));
    this.zone = ZoneOffset.UTC;
  }

  private ScaledClock(ScaledClock shared, ZoneId zone) {
    // Shares the segment holder, so a scale change on either is seen by both.
    this.segment = shared.segment;
    this.zone = zone;
  }

  private static void checkScale(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("timeScale must be > 0, was " + scale);
    }
  }

  public double scale() {
    return segment.get().scale;
  }

  /** Changes the speed from now on; simulated time continues from where it is. */
  public void setScale(double scale) {
    checkScale(scale);
    segment.updateAndGet(old -> {
      long now = System.nanoTime();
      return new Segment(now, old.at(now), scale);
    });
  }

  @Override
  public long millis() {
    return (long) Math.floor(segment.get().at(System.nanoTime()));
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that shares this clock's time and speed. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new ScaledClock(this, zone);
  }
}
