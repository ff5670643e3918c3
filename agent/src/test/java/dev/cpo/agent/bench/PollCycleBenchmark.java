package dev.cpo.agent.bench;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigLoader;
import dev.cpo.agent.core.Agent;
import dev.cpo.hal.HalException;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One poll cycle of the agent (HAL read, thresholds, alarms, forecast, policies) on the default and
 * the 409.6T profiles, on a manual clock advanced 1 s per cycle; then the agent's CPU share and heap
 * running in real time at default settings. Run with bench/poll-cycle.sh (which uses -Xmx64m).
 */
public final class PollCycleBenchmark {

  private static final int WARMUP = 2_000;
  private static final int MEASURED = 3_000;

  private PollCycleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int cpuSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    System.out.printf("%-28s %8s %8s %11s %11s %11s %11s %11s%n", "profile", "entities", "sensors",
        "read p50 us", "cycle p50", "cycle p99", "cycle mean", "agent p50");
    for (String profile : List.of("quantum-x-photonics-115t", "spectrum-x-photonics-409t")) {
      cycle(profile);
    }
    System.out.println("(cycle = HAL read + thresholds + alarms + forecast + policies; agent = cycle minus read;"
        + " goal: cycle under 2000 us on the default profile)");
    interruptLatency();
    cpuAndHeap(cpuSeconds);
  }

  /** Fault injected -> AlarmRaised delivered to a subscriber, through the interrupt path (polls 60 s apart). */
  private static void interruptLatency() throws Exception {
    SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1)
        .load(0.6).build();
    Agent agent = new Agent(config("polling.fastIntervalMs=60000", "polling.slowIntervalMs=60000"), sim);
    java.util.concurrent.BlockingQueue<Long> raised = new java.util.concurrent.LinkedBlockingQueue<>();
    agent.events().subscribe("bench", e -> {
      if (e instanceof dev.cpo.agent.event.AgentEvent.AlarmRaised) {
        raised.add(System.nanoTime());
      }
    });
    agent.start();
    int n = 50;
    long[] latency = new long[n];
    try {
      for (int i = 0; i < n + 10; i++) {
        String laser = "els" + (i % 18 + 1) + "/laser" + (i / 18 % 8 + 1);
        long t0 = System.nanoTime();
        dev.cpo.hal.fault.ActiveFault f = sim.faults().inject(dev.cpo.hal.fault.FaultRequest.of("laser-failure", laser));
        Long t1 = raised.poll(5, TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("no alarm for " + laser + " within 5 s");
        }
        if (i >= 10) {
          latency[i - 10] = t1 - t0;
        }
        sim.faults().clear(f.id());
        agent.pollOnce();
      }
    } finally {
      agent.stop();
      sim.close();
    }
    Arrays.sort(latency);
    System.out.printf("%nfault -> AlarmRaised delivered (interrupt path, %d faults): p50 %.2f ms, p99 %.2f ms,"
        + " max %.2f ms (goal p99 under 50 ms)%n", n, latency[n / 2] / 1e6, latency[n * 99 / 100] / 1e6,
        latency[n - 1] / 1e6);
  }

  private static AgentConfig config(String... sets) throws Exception {
    Path state = Files.createTempDirectory("cpo-bench");
    state.toFile().deleteOnExit();
    List<String> all = new java.util.ArrayList<>(List.of("state.dir=" + state));
    all.addAll(List.of(sets));
    return ConfigLoader.load(null, all);
  }

  private static void cycle(String profile) throws Exception {
    ManualClock clock = new ManualClock();
    SimulatedSwitch sim = SimulatedSwitch.builder().profile(profile).seed(1).timeScale(1).load(0.6).clock(clock).build();
    Agent agent = new Agent(config("sim.profile=" + profile), sim);
    try {
      for (int i = 0; i < WARMUP; i++) {
        clock.advance(Duration.ofSeconds(1));
        agent.pollOnce();
        readOnce(sim, clock);
      }
      long[] cycle = new long[MEASURED];
      long[] read = new long[MEASURED];
      for (int i = 0; i < MEASURED; i++) {
        clock.advance(Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        agent.pollOnce();
        cycle[i] = System.nanoTime() - t0;
        read[i] = readOnce(sim, clock);
      }
      Arrays.sort(cycle);
      Arrays.sort(read);
      double mean = Arrays.stream(cycle).average().orElse(0);
      System.out.printf("%-28s %8d %8d %11.0f %11.0f %11.0f %11.0f %11.0f%n", profile,
          sim.inventory().entities().size(), sim.inventory().sensors().size(), us(read[MEASURED / 2]),
          us(cycle[MEASURED / 2]), us(cycle[MEASURED * 99 / 100]), mean / 1000, us(cycle[MEASURED / 2] - read[MEASURED / 2]));
    } finally {
      agent.stop();
      sim.close();
    }
  }

  /** A bare HAL read of the same switch, a second later, to separate its cost from the agent's. */
  private static long readOnce(SimulatedSwitch sim, ManualClock clock) throws HalException {
    clock.advance(Duration.ofMillis(1));
    long t0 = System.nanoTime();
    sim.snapshot();
    return System.nanoTime() - t0;
  }

  private static double us(long nanos) {
    return nanos / 1000.0;
  }

  /** The agent and simulator running in real time at default settings: CPU share and heap. */
  private static void cpuAndHeap(int seconds) throws Exception {
    SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1)
        .load(0.6).build();
    Agent agent = new Agent(config(), sim);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    agent.start();
    try {
      // Let the JIT settle before measuring.
      new CountDownLatch(1).await(5, TimeUnit.SECONDS);
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      long cycles0 = agent.latest().stats().pollCycles();
      new CountDownLatch(1).await(seconds, TimeUnit.SECONDS);
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      long cycles = agent.latest().stats().pollCycles() - cycles0;
      System.gc();
      long heapUsed = mem.getHeapMemoryUsage().getUsed();
      long heapMax = mem.getHeapMemoryUsage().getMax();
      System.out.printf("%nreal time, default profile, default settings, %d s: %d cycles, CPU %.2f %% of one core"
              + " (process: agent + simulator + JVM), heap after GC %.1f MB of max %.0f MB, last cycle %d us%n",
          seconds, cycles, 100.0 * cpu / wall, heapUsed / 1e6, heapMax / 1e6, agent.latest().stats().lastPollDurationMicros());
    } finally {
      agent.stop();
      sim.close();
    }
  }
}
