package dev.cpo.agent.bench;

import dev.cpo.agent.cli.Product;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Fault injected -> notification received, whatever carries the notification (an SNMP trap, an MQTT
 * event): {@code laser-failure} injected through the product's fault injector (the simulator's
 * interrupt path) on one laser after another, the time until the receiver records the "raised"
 * notification naming that laser, then the fault cleared and its "cleared" notification awaited before
 * the next injection. A receiver only has to call {@link Arrivals#arrived} from its callback.
 */
public final class FaultLatency {

  /** Injections made and discarded before measuring (JIT, connection warm-up). */
  public static final int WARMUPS = 20;

  private FaultLatency() {}

  /** What a receiver decoded: its kind (a trap OID, an event type) and the names it carries. */
  public record Arrival(long nanos, String kind, List<String> names) {}

  /** Notifications as they arrive, from the receiver's thread; awaited by the injection loop. */
  public static final class Arrivals {

    private final BlockingQueue<Arrival> queue = new LinkedBlockingQueue<>();

    /** Records an arrival now; call it first thing in the receiver's callback. */
    public void arrived(String kind, List<String> names) {
      long now = System.nanoTime();
      queue.add(new Arrival(now, kind, names));
    }

    /** Records an arrival decoded later but received at {@code nanos} (System.nanoTime()). */
    public void arrived(long nanos, String kind, List<String> names) {
      queue.add(new Arrival(nanos, kind, names));
    }

    void clear() {
      queue.clear();
    }

    /** The arrival time of the next {@code kind} naming {@code name}, skipping others (linkDown, ...). */
    long await(String kind, String name) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        Arrival a = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (a == null) {
          throw new IllegalStateException("no " + kind + " for " + name + " within 10 s");
        }
        if (kind.equals(a.kind()) && a.names().contains(name)) {
          return a.nanos();
        }
      }
    }
  }

  /**
   * Runs {@link #WARMUPS} + {@code measured} injections on the started {@code product}, lasers in turn
   * (els1/laser1, els2/laser1, ...), and returns the measured injection -> {@code raisedKind} times.
   */
  public static long[] measure(Product product, int measured, Arrivals arrivals, String raisedKind,
      String clearedKind) throws InterruptedException {
    long[] nanos = new long[measured];
    for (int i = 0; i < WARMUPS + measured; i++) {
      String laser = "els" + (i % 18 + 1) + "/laser" + (i / 18 % 8 + 1);
      arrivals.clear();
      long t0 = System.nanoTime();
      ActiveFault fault = product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, laser));
      long t1 = arrivals.await(raisedKind, laser);
      product.sim().faults().clear(fault.id());
      arrivals.await(clearedKind, laser);
      if (i >= WARMUPS) {
        nanos[i - WARMUPS] = t1 - t0;
      }
    }
    return nanos;
  }

  /** Prints p50/p90/p99/max/mean under {@code title}, and whether the p99 goal (50 ms) is met. */
  public static void print(String title, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double mean = Arrays.stream(sorted).average().orElse(0);
    System.out.printf("%n%s%n", title);
    System.out.printf("%-11s %8s %8s %8s %8s %8s%n", "injections", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms");
    double p99 = ms(rank(sorted, 0.99));
    System.out.printf("%-11d %8.2f %8.2f %8.2f %8.2f %8.2f%n", n, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.90)),
        p99, ms(sorted[n - 1]), mean / 1e6);
    System.out.printf("(goal: p99 under 50 ms; %s)%n", p99 < 50 ? "met" : "MISSED");
  }

  /** Nearest-rank percentile: of 100 samples, p99 is the 99th smallest, not the maximum. */
  static long rank(long[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
