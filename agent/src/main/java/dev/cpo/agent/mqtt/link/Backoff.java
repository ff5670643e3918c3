package dev.cpo.agent.mqtt.link;

import java.util.function.LongUnaryOperator;

/**
 * Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"): retry n waits
 * a uniformly random time in [0, min(max, initial * 2^n)], so many agents restarting together spread
 * their reconnects instead of hammering the broker in step.
 */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private final LongUnaryOperator random;
  private int attempt;

  /**
   * @param random given a bound b > 0, returns a uniformly random value in [0, b]
   */
  public Backoff(long initialMillis, long maxMillis, LongUnaryOperator random) {
    if (initialMillis <= 0 || maxMillis < initialMillis) {
      throw new IllegalArgumentException("need 0 < initialMillis <= maxMillis, was " + initialMillis + ", " + maxMillis);
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  public static Backoff withThreadLocalRandom(long initialMillis, long maxMillis) {
    return new Backoff(initialMillis, maxMillis,
        bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
  }

  /** The cap of the next delay, before jitter. */
  public long nextCapMillis() {
    // Shift at most 30 places: beyond that the cap is max anyway and the shift would overflow.
    long cap = initialMillis << Math.min(attempt, 30);
    return cap <= 0 || cap > maxMillis ? maxMillis : cap;
  }

  /** The delay before the next attempt; each call counts one more failed attempt. */
  public long nextDelayMillis() {
    long cap = nextCapMillis();
    attempt++;
    return random.applyAsLong(cap);
  }

  /** Failed attempts since the last {@link #reset()}. */
  public int attempts() {
    return attempt;
  }

  /** Called once connected: the next failure starts from the initial delay again. */
  public void reset() {
    attempt = 0;
  }
}
