package dev.cpo.agent.bench;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.snmp.mib.CpoOids;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injected -> SNMP trap and MQTT event received, end to end through the product as {@code run}
 * composes it ({@link Product}, default settings: fast polling every 1 s): {@code laser-failure} on a
 * laser, then the time until the in-process trap receiver decodes the cpoAlarmRaised naming that laser,
 * and until the events subscriber gets its {@code alarm-raised}. The path: the simulator's interrupt,
 * the agent's immediate cycle, the event bus, then the CPO-SWITCH-MIB notification sender and UDP, and
 * the MQTT publisher and broker.
 */
final class FaultLatency {

  private static final int TIMEOUT_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(FaultLatency.class);
  private static final long SLOW_NANOS = 50_000_000;
  private static final int BATCH = 18;
  private static final int MAX_GAP_MILLIS = 50;
  private static final String RAISED_TRAP = CpoOids.ALARM_RAISED.toString();
  private static final String CLEARED_TRAP = CpoOids.ALARM_CLEARED.toString();
  private static final String RAISED = "alarm-raised";
  private static final String CLEARED = "alarm-cleared";

  /** Latencies of the measured injections; MQTT's empty when the product has no MQTT publisher. */
  record Result(Percentiles trap, Optional<Percentiles> mqtt, String mqttMissingReason) {}

  private FaultLatency() {}

  static Result measure(Path dir, int warmups, int measured) throws Exception {
    int brokerPort = FreePorts.tcp();
    try (TrapReceiver traps = new TrapReceiver()) {
      Product product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "control.port=0",
          "traps.port=" + traps.port(), "mqtt.embedded.port=" + brokerPort, "state.dir=" + dir.resolve("state"))));
      product.start();
      try {
        boolean hasMqtt = product.status().keySet().stream().anyMatch(k -> k.toLowerCase().contains("mqtt"));
        if (!hasMqtt) {
          return new Result(run(product, traps.received(), null, warmups, measured)[0], Optional.empty(),
              "this build's product (cli.Product) has no MQTT publisher: components " + product.status().keySet());
        }
        String topic = "cpo/v1/" + product.config().switchId() + "/events";
        try (EventSubscriber events = new EventSubscriber("tcp://127.0.0.1:" + brokerPort, topic)) {
          Percentiles[] both = run(product, traps.received(), events.received(), warmups, measured);
          return new Result(both[0], Optional.of(both[1]), "");
        }
      } finally {
        product.stop();
      }
    }
  }

  /**
   * Trap latencies, and MQTT latencies when {@code events} is not null. Lasers fail one at a time, each
   * on another laser module, a random 0-{@value #MAX_GAP_MILLIS} ms apart so that injections fall at
   * every phase of the 1 s poll period; after each batch of {@value #BATCH} the faults are cleared
   * together (a clear is seen at the next poll, so clearing one by one would cost a second each).
   */
  private static Percentiles[] run(Product product, BlockingQueue<Signal> traps, BlockingQueue<Signal> events,
      int warmups, int measured) throws Exception {
    long[] trapNanos = new long[measured];
    long[] mqttNanos = new long[measured];
    Random gaps = new Random(1);
    List<ActiveFault> batch = new ArrayList<>();
    for (int i = 0; i < warmups + measured; i++) {
      String laser = "els" + (i % BATCH + 1) + "/laser" + (i / BATCH % 8 + 1);
      traps.clear();
      if (events != null) {
        events.clear();
      }
      pause(gaps.nextInt(MAX_GAP_MILLIS + 1));
      long t0 = System.nanoTime();
      batch.add(product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, laser)));
      long trapAt = Signal.await(traps, RAISED_TRAP, laser, TIMEOUT_SECONDS);
      long mqttAt = events == null ? 0 : Signal.await(events, RAISED, laser, TIMEOUT_SECONDS);
      if (Math.max(trapAt, mqttAt) - t0 > SLOW_NANOS) {
        // Named with the wall-clock time, to find the cause in a flight recording of the same run.
        LOG.info("slow injection {} on {} at {}: trap {} ms, MQTT event {} ms", i, laser, java.time.Instant.now(),
            (trapAt - t0) / 1_000_000, events == null ? "-" : Long.toString((mqttAt - t0) / 1_000_000));
      }
      if (i >= warmups) {
        trapNanos[i - warmups] = trapAt - t0;
        mqttNanos[i - warmups] = mqttAt - t0;
      }
      if (batch.size() == BATCH || i == warmups + measured - 1) {
        clear(product, batch, traps, events);
      }
    }
    return new Percentiles[] {new Percentiles(trapNanos), events == null ? null : new Percentiles(mqttNanos)};
  }

  /** Clears the batch's faults and waits for every alarm-cleared, trap and MQTT event. */
  private static void clear(Product product, List<ActiveFault> batch, BlockingQueue<Signal> traps,
      BlockingQueue<Signal> events) throws Exception {
    traps.clear();
    if (events != null) {
      events.clear();
    }
    for (ActiveFault f : batch) {
      product.sim().faults().clear(f.id());
    }
    List<Signal> early = new ArrayList<>();
    for (ActiveFault f : batch) {
      awaitAmong(traps, early, CLEARED_TRAP, f.target());
    }
    early.clear();
    if (events != null) {
      for (ActiveFault f : batch) {
        awaitAmong(events, early, CLEARED, f.target());
      }
    }
    batch.clear();
  }

  /** Waits for a signal of {@code kind} naming {@code entity}, keeping others in {@code seen} (they may come first). */
  private static void awaitAmong(BlockingQueue<Signal> queue, List<Signal> seen, String kind, String entity)
      throws InterruptedException {
    if (seen.stream().anyMatch(s -> s.matches(kind, entity))) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      Signal s = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (s == null) {
        throw new IllegalStateException("no " + kind + " for " + entity + " within " + TIMEOUT_SECONDS + " s");
      }
      if (s.matches(kind, entity)) {
        return;
      }
      seen.add(s);
    }
  }

  /** A deliberate gap between injections (not a wait for a condition). */
  private static void pause(int millis) throws InterruptedException {
    new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
  }
}
