package dev.cpo.agent.bench;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Something a northbound receiver got (a trap, an MQTT message), stamped with System.nanoTime() on arrival. */
interface Signal {

  long nanos();

  /** Whether it is of {@code kind} (a trap OID, an MQTT event type) and names {@code entity}. */
  boolean matches(String kind, String entity);

  /**
   * The arrival time of the next signal of {@code kind} naming {@code entity}, skipping others (linkDown,
   * telemetry, ...).
   *
   * @throws IllegalStateException when none arrives within {@code timeoutSeconds}
   */
  static long await(BlockingQueue<Signal> queue, String kind, String entity, int timeoutSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      Signal s = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (s == null) {
        throw new IllegalStateException("no " + kind + " for " + entity + " within " + timeoutSeconds + " s");
      }
      if (s.matches(kind, entity)) {
        return s.nanos();
      }
    }
  }
}
