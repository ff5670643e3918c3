package dev.cpo.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.snmp.mib.CpoOids;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injected -> SNMP trap and MQTT event received, end to end through the process the README
 * command starts ({@link ChildAgent}, default settings): {@code laser-failure} on a laser through its
 * control API, then the time until this JVM's trap receiver decodes the cpoAlarmRaised naming that
 * laser, and until the events subscriber gets its {@code alarm-raised}. Inside the child: the
 * simulator's interrupt, the agent's immediate cycle, the event bus, then the CPO-SWITCH-MIB
 * notification sender and UDP, the MQTT publisher and broker, and the gNMI target's ON_CHANGE stream
 * (an update of {@code /system/alarms/alarm[id=laser-failure/<laser>]/state/id}, received by a grpc-java
 * subscriber in this JVM). The clock starts before the HTTP
 * request is sent, so the figure includes sending the request: about 1 ms here (p50 from the call to the
 * request's first byte at a blocking server in the same JVM; docs/benchmark.md, "what the tail is made of").
 */
final class FaultLatency {

  private static final int TIMEOUT_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(FaultLatency.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SLOW_NANOS = 50_000_000;
  private static final int BATCH = 18;
  private static final int MAX_GAP_MILLIS = 50;
  private static final String RAISED_TRAP = CpoOids.ALARM_RAISED.toString();
  private static final String CLEARED_TRAP = CpoOids.ALARM_CLEARED.toString();
  private static final String RAISED = "alarm-raised";
  private static final String CLEARED = "alarm-cleared";

  /** Latencies of the measured injections. */
  record Result(Percentiles trap, Percentiles mqtt, Percentiles gnmi) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String controlUrl;

  private FaultLatency(String controlUrl) {
    this.controlUrl = controlUrl;
  }

  /**
   * @param child started with {@code traps.port} = {@code traps.port()}
   */
  static Result measure(ChildAgent child, TrapReceiver traps, int warmups, int measured) throws Exception {
    try (EventSubscriber events = new EventSubscriber(child.brokerUrl(), "cpo/v1/sw1/events");
        GnmiSubscriber gnmi = new GnmiSubscriber(child.gnmiPort())) {
      gnmi.alarms();
      return new FaultLatency(child.controlUrl()).run(traps.received(), events.received(), gnmi.received(), warmups,
          measured);
    }
  }

  /**
   * Lasers fail one at a time, each on another laser module, a random 0-{@value #MAX_GAP_MILLIS} ms
   * apart so that injections fall at every phase of the 1 s poll period; after each batch of
   * {@value #BATCH} the faults are cleared together (a clear is seen at the next poll, so clearing one by
   * one would cost a second each).
   */
  private Result run(BlockingQueue<Signal> traps, BlockingQueue<Signal> events, BlockingQueue<Signal> gnmi,
      int warmups, int measured) throws Exception {
    long[] trapNanos = new long[measured];
    long[] mqttNanos = new long[measured];
    long[] gnmiNanos = new long[measured];
    Random gaps = new Random(1);
    List<String[]> batch = new ArrayList<>();
    for (int i = 0; i < warmups + measured; i++) {
      String laser = "els" + (i % BATCH + 1) + "/laser" + (i / BATCH % 8 + 1);
      traps.clear();
      events.clear();
      gnmi.clear();
      pause(gaps.nextInt(MAX_GAP_MILLIS + 1));
      long t0 = System.nanoTime();
      batch.add(new String[] {inject(laser), laser});
      long trapAt = Signal.await(traps, RAISED_TRAP, laser, TIMEOUT_SECONDS);
      long mqttAt = Signal.await(events, RAISED, laser, TIMEOUT_SECONDS);
      long gnmiAt = Signal.await(gnmi, GnmiSubscriber.RAISED, laser, TIMEOUT_SECONDS);
      if (Math.max(Math.max(trapAt, mqttAt), gnmiAt) - t0 > SLOW_NANOS) {
        // Named with the wall-clock time, to find the cause in a flight recording of the same run.
        LOG.info("slow injection {} on {} at {}: trap {} ms, MQTT event {} ms, gNMI update {} ms", i, laser,
            java.time.Instant.now(), (trapAt - t0) / 1_000_000, (mqttAt - t0) / 1_000_000, (gnmiAt - t0) / 1_000_000);
      }
      if (i >= warmups) {
        trapNanos[i - warmups] = trapAt - t0;
        mqttNanos[i - warmups] = mqttAt - t0;
        gnmiNanos[i - warmups] = gnmiAt - t0;
      }
      if (batch.size() == BATCH || i == warmups + measured - 1) {
        clear(batch, traps, events, gnmi);
      }
    }
    return new Result(new Percentiles(trapNanos), new Percentiles(mqttNanos), new Percentiles(gnmiNanos));
  }

  /** POST /api/v1/faults; the fault's id. */
  private String inject(String laser) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(controlUrl + "/api/v1/faults"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"laser-failure\",\"target\":\"" + laser + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IOException("POST /api/v1/faults for " + laser + " answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode id = JSON.readTree(r.body()).get("id");
    if (id == null) {
      throw new IOException("POST /api/v1/faults answered no id: " + r.body());
    }
    return id.asText();
  }

  /** Clears the batch's faults and waits for every alarm-cleared, trap and MQTT event. */
  private void clear(List<String[]> batch, BlockingQueue<Signal> traps, BlockingQueue<Signal> events,
      BlockingQueue<Signal> gnmi) throws Exception {
    traps.clear();
    events.clear();
    gnmi.clear();
    for (String[] f : batch) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(controlUrl + "/api/v1/faults/" + f[0]))
          .header("Content-Type", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IOException("DELETE /api/v1/faults/" + f[0] + " answered " + r.statusCode() + ": " + r.body());
      }
    }
    List<Signal> early = new ArrayList<>();
    for (String[] f : batch) {
      awaitAmong(traps, early, CLEARED_TRAP, f[1]);
    }
    early.clear();
    for (String[] f : batch) {
      awaitAmong(events, early, CLEARED, f[1]);
    }
    early.clear();
    for (String[] f : batch) {
      awaitAmong(gnmi, early, GnmiSubscriber.CLEARED, f[1]);
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
