package dev.cpo.agent.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.cli.Fleet;
import dev.cpo.agent.cli.FleetFaults;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.core.AgentStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.smi.OID;

/**
 * The product at 3600x simulated time (an hour of physics per second) with faults cycling once a second
 * and a poller walking the sensor table every five seconds, an MQTT consumer taking everything, for {@code -Dcpo.soak.seconds} (60 by
 * default; 600 in the reliability profile, 3600 in soak-long), with a fleet of 8 more switches at 1x and random
 * faults in the same JVM. Heap after GC, live threads and open file
 * descriptors are measured after a warm-up that runs the whole fault script once, and at the end.
 */
class SoakIT {

  private static final OID SENSOR_TABLE = new OID("1.3.6.1.2.1.99.1.1");
  private static final Duration WARM_UP = Duration.ofSeconds(20);
  /**
   * Heap allowed to grow: the agent's history is bounded (alarm history, 64 forecast samples per laser,
   * fault log), but those bounds fill over the first simulated days, after the warm-up; 16 MB is a few times
   * what they hold. A leak of even one object per poll or request would pass it within minutes at 3600x.
   */
  private static final long HEAP_SLACK_BYTES = 16L << 20;
  /** The product's threads are fixed; two more allows a JDK pool thread (common pool, GC helper) caught alive. */
  private static final int THREAD_SLACK = 2;
  /** Descriptors are fixed too; a few allow the JDK's lazily opened jars and a poller socket mid-close. */
  private static final int FD_SLACK = 4;

  /** Switches of the fleet that soaks beside the product. */
  private static final int FLEET = 8;
  /** Heap a fleet switch at 1x may add over the soak: its bounded histories fill far slower than at 3600x. */
  private static final long FLEET_HEAP_SLACK_BYTES = 2L << 20;

  @TempDir Path dir;

  private static Map<String, Long> fleetPollCycles(Fleet fleet) {
    Map<String, Long> out = new java.util.TreeMap<>();
    fleet.members().forEach((id, p) -> out.put(id, p.agent().latest().stats().pollCycles()));
    return out;
  }

  @Test
  void anHourOfPhysicsPerSecondWithFaultsCyclingLeavesHeapThreadsAndDescriptorsFlat() throws Exception {
    Duration soak = Duration.ofSeconds(Long.getLong("cpo.soak.seconds", 60));
    ScheduledExecutorService driver = Executors.newScheduledThreadPool(2);
    try (TrapSink traps = new TrapSink(); Product product = Products.start(dir, traps.port(), "sim.timeScale=3600");
        SnmpPoller poller = new SnmpPoller(product.snmp().port(), 5000, 0);
        MqttSink mqtt = new MqttSink(product.broker().url(), Products.SWITCH_ID);
        Fleet fleet = Fleet.of(null, List.of("snmp.port=0", "control.port=0", "gnmi.port=0", "mqtt.embedded.port=0",
            "traps.port=" + traps.port(), "state.dir=" + dir.resolve("fleet")), FLEET, null, 100L)) {
      FaultCycler faults = new FaultCycler(product.sim().faults(), FaultCycler.MIXED, 4);
      // Beside it, in the same JVM (the gauges are the process's), a fleet of 8 at 1x with random faults.
      fleet.start();
      FleetFaults fleetFaults = new FleetFaults(List.copyOf(fleet.members().keySet()),
          fleet.members().values().stream().map(Product::sim).toList(), 1, Duration.ofSeconds(10));
      fleetFaults.start(60);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong walks = new AtomicLong();
      AtomicLong walkedRows = new AtomicLong();
      driver.scheduleAtFixedRate(guarded(failure, faults::step), 0, 1, TimeUnit.SECONDS);
      driver.scheduleAtFixedRate(guarded(failure, () -> {
        walkedRows.addAndGet(poller.walk(SENSOR_TABLE, 50).size());
        walks.incrementAndGet();
      }), 1, 5, TimeUnit.SECONDS);

      runUntil(System.nanoTime() + WARM_UP.toNanos(), failure);
      ProcessGauges start = ProcessGauges.measure();
      AgentStats statsAtStart = product.agent().latest().stats();
      Map<String, Long> fleetCyclesAtStart = fleetPollCycles(fleet);
      long t0 = System.nanoTime();
      long deadline = t0 + soak.toNanos();
      report("start", start, product, traps, mqtt, faults, walks.get());
      // Figures along the way too (a dozen), so a long run shows a trend and not just two points.
      long reportEveryNanos = Math.max(Duration.ofMinutes(1).toNanos(), soak.toNanos() / 12);
      for (long at = t0 + reportEveryNanos; at < deadline && failure.get() == null; at += reportEveryNanos) {
        runUntil(at, failure);
        report((at - t0) / 1_000_000_000 + " s", ProcessGauges.measure(), product, traps, mqtt, faults, walks.get());
      }
      runUntil(deadline, failure);

      ProcessGauges end = ProcessGauges.measure();
      double elapsedSeconds = (System.nanoTime() - t0) / 1e9;
      AgentStats statsAtEnd = product.agent().latest().stats();
      Map<String, Long> fleetCyclesAtEnd = fleetPollCycles(fleet);
      fleetFaults.close();
      report("end", end, product, traps, mqtt, faults, walks.get());
      driver.shutdown();
      assertThat(driver.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      say(String.format(Locale.ROOT, "soak %.0f s at 3600x: %d faults injected, %d sensor-table walks (%d rows),"
          + " %d traps, poll cycles %d -> %d, HAL errors %d, dropped events %d", elapsedSeconds, faults.injected(),
          walks.get(), walkedRows.get(), traps.received(), statsAtStart.pollCycles(), statsAtEnd.pollCycles(),
          statsAtEnd.halErrors(), statsAtEnd.droppedEvents()));
      say("soak fleet of " + FLEET + " beside it: " + fleetFaults.injected() + " random faults; poll cycles "
          + fleetCyclesAtStart + " -> " + fleetCyclesAtEnd);
      say("soak start: " + start);
      say("soak end:   " + end);

      assertThat(failure.get()).as("fault script and poller").isNull();
      assertThat(product.status()).allSatisfy((name, state) -> assertThat(state).as(name).isEqualTo("running"));
      // The poll loop kept its 1 s period throughout: no scheduled cycle lost. Interrupts (a fault flags its
      // module) run extra cycles at once, at most one per interrupt, so they bound the count from above.
      assertThat(statsAtEnd.pollCycles() - statsAtStart.pollCycles()).isBetween((long) (elapsedSeconds * 0.95) - 2,
          (long) elapsedSeconds + 2 + statsAtEnd.interrupts() - statsAtStart.interrupts());
      assertThat(statsAtEnd.droppedEvents()).isZero();
      assertThat(traps.received()).isGreaterThan(faults.injected());
      assertThat(mqtt.events()).isGreaterThan(faults.injected());
      assertThat(mqtt.disconnects()).as("MQTT consumer disconnects").isZero();
      assertThat(fleet.members().values()).allSatisfy(p -> assertThat(p.status()).allSatisfy((name, state) ->
          assertThat(state).as(p.config().switchId() + " " + name).isEqualTo("running")));
      // Every fleet switch kept its 1 s poll period too (at 1x, interrupts add a few extra cycles).
      assertThat(fleetCyclesAtEnd).allSatisfy((id, cycles) -> assertThat(cycles - fleetCyclesAtStart.get(id))
          .as(id + " poll cycles").isGreaterThanOrEqualTo((long) (elapsedSeconds * 0.95) - 2));
      assertThat(fleetFaults.injected()).as("fleet faults").isPositive();
      assertThat(end.heapUsedBytes()).as("heap after GC")
          .isLessThanOrEqualTo(start.heapUsedBytes() + HEAP_SLACK_BYTES + FLEET * FLEET_HEAP_SLACK_BYTES);
      assertThat(end.liveThreads()).as("live threads").isLessThanOrEqualTo(start.liveThreads() + THREAD_SLACK);
      assertThat(end.openFds()).as("open file descriptors").isLessThanOrEqualTo(start.openFds() + FD_SLACK);
    } finally {
      driver.shutdownNow();
    }
  }

  /** Lets the product run until {@code deadlineNanos}, or until the fault script or the poller failed. */
  private static void runUntil(long deadlineNanos, AtomicReference<Throwable> failure) {
    long left = Math.max(0, deadlineNanos - System.nanoTime());
    await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofNanos(left).plusSeconds(10))
        .until(() -> failure.get() != null || System.nanoTime() >= deadlineNanos);
  }

  private static void report(String at, ProcessGauges g, Product product, TrapSink traps, MqttSink mqtt,
      FaultCycler faults, long walks) {
    AgentStats s = product.agent().latest().stats();
    say(String.format(Locale.ROOT, "soak %-6s %s; poll cycles %d (last %d us), %d active alarms, %d faults injected,"
        + " %d walks, %d traps, %d MQTT messages (%d events; publisher sent %d, waiting %d, dropped %s)", at, g, s.pollCycles(), s.lastPollDurationMicros(),
        product.agent().latest().activeAlarms().size(), faults.injected(), walks, traps.received(), mqtt.messages(), mqtt.events(), product.mqtt().sent(),
        product.mqtt().waiting(), product.mqtt().dropped()));
  }

  /** Prints a figure line, and appends it to {@code -Dcpo.soak.log} when given (the long run's record). */
  private static void say(String line) {
    System.out.println(line);
    String log = System.getProperty("cpo.soak.log", "");
    if (!log.isBlank()) {
      try {
        Files.writeString(Path.of(log), java.time.Instant.now() + " " + line + System.lineSeparator(),
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A scheduled task that records its first failure instead of dying silently in the executor. */
  private static Runnable guarded(AtomicReference<Throwable> failure, ThrowingRunnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    };
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
