package dev.cpo.agent.bench;

import dev.cpo.agent.core.Agent;
import dev.cpo.agent.metrics.MetricsEndpoint;
import dev.cpo.agent.metrics.SwitchCollector;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One {@code /metrics} scrape as Prometheus makes it (its OpenMetrics Accept header): the collector over the
 * agent's latest snapshot and the text writer, into a stream that counts and discards the bytes, as the control
 * server writes into a pooled off-heap buffer. Per scrape: the thread's CPU time and the heap bytes it allocated
 * (HotSpot's per-thread allocation counter), against the response's size. A poll cycle runs between scrapes, so
 * each reads a fresh snapshot (the threshold gauges stay cached, as between two real scrapes).
 */
final class MetricsScrape {

  /** What Prometheus 2.x sends. */
  static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  /** CPU and allocation per scrape, and the response size. */
  record Result(String profile, Percentiles cpu, long medianAllocatedBytes, long responseBytes) {
    double allocationPerResponseByte() {
      return (double) medianAllocatedBytes / responseBytes;
    }
  }

  private MetricsScrape() {}

  static Result measure(ConfigSource configs, Path dir, String profile, int warmups, int measured)
      throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported() || !threads.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM measures neither thread CPU time nor allocated bytes");
    }
    ManualClock clock = new ManualClock();
    SimulatedSwitch sim = SimulatedSwitch.builder().profile(profile).seed(1).timeScale(1).load(0.6).clock(clock)
        .build();
    Agent agent = new Agent(configs.load(List.of("sim.profile=" + profile,
        "state.dir=" + dir.resolve("state-scrape-" + profile))), sim);
    try {
      MetricsEndpoint endpoint = MetricsEndpoint.of(new SwitchCollector(agent, "sw1"));
      Counting out = new Counting();
      long thread = Thread.currentThread().getId();
      long[] cpu = new long[measured];
      long[] allocated = new long[measured];
      for (int i = -warmups; i < measured; i++) {
        clock.advance(Duration.ofSeconds(1));
        agent.pollOnce();
        out.count = 0;
        long a0 = threads.getThreadAllocatedBytes(thread);
        long c0 = threads.getCurrentThreadCpuTime();
        endpoint.write(PROMETHEUS_ACCEPT, out);
        long c1 = threads.getCurrentThreadCpuTime();
        long a1 = threads.getThreadAllocatedBytes(thread);
        if (i >= 0) {
          cpu[i] = c1 - c0;
          allocated[i] = a1 - a0;
        }
      }
      java.util.Arrays.sort(allocated);
      return new Result(profile, new Percentiles(cpu), allocated[measured / 2], out.count);
    } finally {
      agent.stop();
      sim.close();
    }
  }

  /** Counts what is written and keeps nothing. */
  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
    }
  }
}
