package dev.cpo.hal.sim;

import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * Cost of one full snapshot, per profile: wall time, CPU time of the calling thread (robust when the
 * machine is busy) and bytes allocated on the calling thread. Not a
 * test (surefire does not run it); run with
 *
 * <pre>
 * mvn -B -q -pl hal-sim test-compile exec:java [-Dexec.args="profile ..."]
 * </pre>
 *
 * (hal-sim's pom points exec:java at this class with the test classpath.)
 *
 * Two cases: "poll" advances the clock 1 s before each snapshot (one physics step and a fresh sample
 * of every sensor, as the agent's 1 s poll does); "copy" reads again at the same instant (the cost of
 * assembling the snapshot alone).
 */
public final class SnapshotBenchmark {

  private static final int WARMUP = 3_000;
  private static final int MEASURED = 3_000;

  private SnapshotBenchmark() {}

  public static void main(String[] args) throws HalException {
    List<String> profiles = args.length > 0 ? List.of(args) : List.of(
        "tomahawk5-bailly-51t", "spectrum-x-photonics-102t", "quantum-x-photonics-115t", "spectrum-x-photonics-409t");
    System.out.printf("%-28s %6s %8s %-5s %10s %10s %12s %12s%n",
        "profile", "ports", "sensors", "case", "wall us", "cpu us", "KB/snapshot", "cpu ns/port");
    for (String profile : profiles) {
      for (boolean advance : new boolean[] {true, false}) {
        Result r = measure(profile, advance);
        System.out.printf("%-28s %6d %8d %-5s %10.1f %10.1f %12.1f %12.0f%n", profile, r.ports, r.sensors,
            advance ? "poll" : "copy", r.micros, r.cpuMicros, r.kilobytes, r.cpuMicros * 1000 / r.ports);
      }
    }
  }

  private static final class Result {
    int ports;
    int sensors;
    double micros;
    double cpuMicros;
    double kilobytes;
  }

  private static Result measure(String profile, boolean advance) throws HalException {
    ManualClock clock = new ManualClock();
    SimulatedSwitch sim = SimulatedSwitch.builder().profile(profile).seed(1).clock(clock).build();
    long sink = 0;
    for (int i = 0; i < WARMUP; i++) {
      if (advance) {
        clock.advance(Duration.ofSeconds(1));
      }
      sink += sim.snapshot().sequence();
    }
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long bytes0 = mx.getThreadAllocatedBytes(thread);
    long cpu0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    HalSnapshot last = null;
    for (int i = 0; i < MEASURED; i++) {
      if (advance) {
        clock.advance(Duration.ofSeconds(1));
      }
      last = sim.snapshot();
      sink += last.sequence();
    }
    long t1 = System.nanoTime();
    long cpu1 = mx.getCurrentThreadCpuTime();
    long bytes1 = mx.getThreadAllocatedBytes(thread);
    if (sink == 42) {
      System.out.println("(keeps the JIT from dropping the loop)");
    }
    Result r = new Result();
    r.ports = last.inventory().portCount();
    r.sensors = last.sensorCount();
    r.micros = (t1 - t0) / 1e3 / MEASURED;
    r.cpuMicros = (cpu1 - cpu0) / 1e3 / MEASURED;
    r.kilobytes = (bytes1 - bytes0) / 1024.0 / MEASURED;
    return r;
  }
}
