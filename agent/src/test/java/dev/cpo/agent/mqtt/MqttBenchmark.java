package dev.cpo.agent.mqtt;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT figures, printed, never asserted. Not run by {@code mvn verify} (surefire runs *Test only). Run:
 * <pre>
 * mvn -B -o -pl agent -am test -Dtest=MqttBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * cat agent/target/mqtt-benchmark.txt
 * </pre>
 * For the embedded broker and Mosquitto (when installed): event publish -> subscriber-received latency
 * (p50/p99/max over 1,000 events after 200 warm-up), messages per second at default settings (the
 * default profile, telemetry every 10 s, over 30 s) with the publisher's CPU share (its threads' CPU
 * time over wall time, % of one core), and a burst: 10,000 events, time until the last one is received.
 */
class MqttBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(MqttBenchmark.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WARMUP = 200;
  private static final int EVENTS = 1_000;
  private static final int BURST = 10_000;
  private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void measure() throws Exception {
    List<String> table = new ArrayList<>();
    table.add(String.format("%-10s %10s %10s %10s %12s %12s %14s", "broker", "p50 ms", "p99 ms", "max ms",
        "msg/s deflt", "CPU % core", "burst msg/s"));
    EmbeddedBroker embedded = new EmbeddedBroker(MqttConfig.SECTION.defaults().embedded().withPort(0));
    embedded.start();
    try {
      table.add(run("embedded", embedded.url(), embedded.agentCredentials()));
    } finally {
      embedded.stop();
    }
    if (Tools.find("mosquitto") != null) {
      Mosquitto mosquitto = new Mosquitto(dir).start();
      try {
        table.add(run("mosquitto", mosquitto.url("tcp"), null));
      } finally {
        mosquitto.stop();
      }
    }
    table.add("cores: " + Runtime.getRuntime().availableProcessors() + ", java " + System.getProperty("java.version")
        + "; latency = bus publish -> Paho messageArrived in a subscriber in the same JVM; QoS 1 events");
    Path out = Tools.repoRoot().resolve("agent/target/mqtt-benchmark.txt");
    Files.write(out, table);
    table.forEach(LOG::info);
  }

  /** @param agent the credentials the broker wants from the agent, or null */
  private String run(String name, String url, AgentCredentials agent) throws Exception {
    try (SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1)
        .load(0.6).clock(new ManualClock()).build()) {
      FixedAgentView view = new FixedAgentView(sim.snapshot());
      MqttConfig plain = MqttConfig.SECTION.defaults().withUrl(url).withClientId("bench-" + name);
      MqttConfig config = agent == null ? plain : agent.applyTo(plain);
      MqttPublisher publisher = new MqttPublisher("sw1", config, view, config::url, Clock.systemUTC());
      publisher.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.connected() && publisher.waiting() == 0);
      TestSubscriber all = TestSubscriber.connect(url, "bench-all-" + name, "cpo/v1/sw1/#");
      TestSubscriber events = TestSubscriber.connect(url, "bench-events-" + name, "cpo/v1/sw1/events");
      try {
        // Steady state: the retained birth delivered to the subscribers, the publisher's stale-alarm
        // sweep after connecting over.
        await().pollDelay(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8)).until(() -> true);
        double[] latency = latencies(view, events);
        double[] defaults = defaultSettings(publisher, all);
        double burst = burst(view, events);
        return String.format("%-10s %10.2f %10.2f %10.2f %12.1f %12.2f %14.0f", name, latency[0], latency[1],
            latency[2], defaults[0], defaults[1], burst);
      } finally {
        all.close();
        events.close();
        publisher.stop();
      }
    }
  }

  /** p50, p99, max in ms. */
  private static double[] latencies(FixedAgentView view, TestSubscriber sub) {
    Map<Long, Long> sentNanos = new ConcurrentHashMap<>();
    int before = sub.received().size();
    for (int i = 0; i < WARMUP + EVENTS; i++) {
      long seq = view.bus().nextSeq();
      Alarm a = Alarms.laserFailure("els" + (i % 16 + 1) + "/laser" + (i % 8 + 1), System.currentTimeMillis());
      sentNanos.put(seq, System.nanoTime());
      view.bus().publish(i % 2 == 0 ? new AgentEvent.AlarmRaised(seq, a.raisedAtMillis(), a)
          : new AgentEvent.AlarmCleared(seq, a.raisedAtMillis(), a.cleared(a.raisedAtMillis())));
      // Paced like real transitions (one per 2 ms), so this measures latency, not queueing.
      LockSupport.parkNanos(2_000_000);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> sub.received().size() >= before + WARMUP + EVENTS);
    List<TestSubscriber.Received> got = sub.received().subList(before + WARMUP, before + WARMUP + EVENTS);
    double[] ms = new double[got.size()];
    for (int i = 0; i < ms.length; i++) {
      long agentSeq = json(got.get(i)).get("agent_seq").asLong();
      ms[i] = (got.get(i).receivedNanos() - sentNanos.get(agentSeq)) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1], ms[ms.length - 1]};
  }

  /** Messages per second received at default settings, and the publisher's CPU in % of one core. */
  private static double[] defaultSettings(MqttPublisher publisher, TestSubscriber all) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = publisherCpuNanos(threads, publisher.clientId());
    int n0 = all.received().size();
    long t0 = System.nanoTime();
    await().pollDelay(DEFAULT_WINDOW).atMost(DEFAULT_WINDOW.plusSeconds(5)).until(() -> true);
    long wall = System.nanoTime() - t0;
    long cpu = publisherCpuNanos(threads, publisher.clientId()) - cpu0;
    int n = all.received().size() - n0;
    return new double[] {n / (wall / 1e9), 100.0 * cpu / wall};
  }

  private static long publisherCpuNanos(ThreadMXBean threads, String clientId) {
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("mqtt-publisher") || info.getThreadName().equals("mqtt-telemetry") || info.getThreadName().endsWith(clientId))) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        sum += Math.max(0, t);
      }
    }
    return sum;
  }

  /** Events per second: a burst of BURST events, until the last is received. */
  private static double burst(FixedAgentView view, TestSubscriber sub) {
    int before = sub.received().size();
    long t0 = System.nanoTime();
    for (int i = 0; i < BURST; i++) {
      Alarm a = Alarms.laserFailure("els" + (i % 16 + 1) + "/laser" + (i % 8 + 1), System.currentTimeMillis());
      view.bus().publish(new AgentEvent.AlarmRaised(view.bus().nextSeq(), a.raisedAtMillis(), a));
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> sub.received().size() >= before + BURST);
    return BURST / ((System.nanoTime() - t0) / 1e9);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(TestSubscriber.Received r) {
    try {
      return JSON.readTree(r.payload());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
