package dev.cpo.agent.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run: starts what each figure needs, measures it and records it, or records why it
 * could not be measured and goes on with the next. Order: startups of child JVMs, each followed by a
 * startup of net-snmp's snmpd timed the same way; a child JVM (the README command's process, as typed)
 * walked beside snmpd, whose resident memory is read after its walks; the poll cycles in this JVM while
 * that child idles on; the child's CPU once it is warm, with snmpd's idle CPU over the same window; the
 * console page; fault latency and gNMI sampling through that same child; its memory at
 * {@link BenchPlan#rssAge()}.
 */
public final class BenchRun {

  /** Profiles whose poll cycles are compared. */
  public static final String DEFAULT_PROFILE = "quantum-x-photonics-115t";
  public static final String PROFILE_409T = "spectrum-x-photonics-409t";

  private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);
  /** gNMI collectors in the sampling CPU figure (issue 12). */
  static final int GNMI_SUBSCRIBERS = 16;
  private static final String NO_SNMPD = "snmpd is not installed (apt-get install snmpd)";

  private final BenchPlan plan;
  private final PrintWriter progress;
  private final ConfigSource configs;
  private final Figures figures = new Figures();
  private int failedSteps;

  /**
   * @param progress where one line per step goes (stderr in the command), so the table stays clean
   * @param configs the config of the agents measured in this JVM
   */
  public BenchRun(BenchPlan plan, PrintWriter progress, ConfigSource configs) {
    this.plan = plan;
    this.progress = progress;
    this.configs = configs;
  }

  /** Runs every measurement and returns the figures. */
  public Figures run() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("cpo-bench");
    startups(dir);
    step("starting the agent to measure in a child JVM (" + ChildAgent.HOW + ", default settings, free ports)");
    ChildAgent child = null;
    NetSnmpd anchor = null;
    try (TrapReceiver traps = new TrapReceiver()) {
      try {
        child = ChildAgent.start(dir, List.of("traps.port=" + traps.port()));
        child.awaitFirstAnswerNanos(Duration.ofSeconds(30));
        anchor = walks(dir, child, Programs.find("snmpbulkwalk"), Programs.find("snmpd"));
      } catch (IOException | RuntimeException e) {
        failed("the child agent", e, Metric.CPU_PERCENT_DEFAULT, Metric.RSS, Metric.SNMP_WALK_RATIO,
            Metric.SNMPD_RSS, Metric.SNMPD_CPU_PERCENT);
      }
      // The poll cycles are timed in this JVM while the child runs on (it is idle-polling, as in production).
      pollCycles(dir);
      scrapes(dir);
      if (child != null) {
        try (ChildAgent measured = child) {
          try (NetSnmpd idle = anchor) {
            cpu(measured, idle);
          }
          consoleOpen(measured, dir);
          faultLatency(measured, traps);
          gnmiSampling(measured);
          memory(measured);
        } catch (IOException | RuntimeException e) {
          failed("the child agent's CPU and memory", e, Metric.CPU_PERCENT_DEFAULT, Metric.RSS,
              Metric.CPU_PERCENT_GNMI_SAMPLE, Metric.CPU_PERCENT_CONSOLE_OPEN, Metric.SNMPD_CPU_PERCENT);
        }
      } else {
        if (anchor != null) {
          anchor.close();
        }
        faultLatencyNotMeasured("the child agent did not start");
      }
    }
    if (failedSteps == 0) {
      deleteTree(dir);
    } else {
      step("logs of the failed step(s) kept in " + dir);
    }
    return figures;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Starts the product in child JVMs, one after another, each followed by a net-snmp snmpd (when installed)
   * timed the same way: median time from process start to the first SNMP answer, for each.
   */
  private void startups(Path dir) throws IOException {
    Optional<Path> snmpd = Programs.find("snmpd");
    step("startup: the agent started " + plan.startups() + " time(s) in a child JVM, each until its first SNMP answer"
        + (snmpd.isPresent() ? ", each followed by snmpd, timed the same way" : ""));
    List<Long> startups = new ArrayList<>();
    List<Long> snmpdStartups = new ArrayList<>();
    if (snmpd.isEmpty()) {
      figures.notMeasured(Metric.SNMPD_STARTUP, NO_SNMPD);
    }
    Path snmpdDir = Files.createDirectories(dir.resolve("snmpd-startup"));
    snmpd.ifPresent(p -> figures.note("walk.snmpd.version", NetSnmpd.version(p)));
    for (int i = 0; i < plan.startups(); i++) {
      try (ChildAgent child = ChildAgent.start(dir, List.of())) {
        startups.add(child.awaitFirstAnswerNanos(Duration.ofSeconds(30)));
      } catch (IOException | RuntimeException e) {
        failed("the child agent's startup", e, Metric.STARTUP);
        break;
      }
      if (snmpd.isPresent()) {
        try (NetSnmpd anchor = new NetSnmpd(snmpd.get(), snmpdDir)) {
          snmpdStartups.add(anchor.awaitFirstAnswerNanos(Duration.ofSeconds(30)));
        } catch (IOException | RuntimeException e) {
          failed("snmpd's startup", e, Metric.SNMPD_STARTUP);
          snmpd = Optional.empty();
        }
      }
    }
    if (!startups.isEmpty()) {
      Percentiles startup = new Percentiles(startups.stream().mapToLong(Long::longValue).toArray());
      figures.put(Metric.STARTUP, startup.millis(0.5));
      figures.note("startup.max", format(startup.maxMillis()));
      figures.note("startup.count", Integer.toString(startup.count()));
    }
    if (!snmpdStartups.isEmpty()) {
      Percentiles startup = new Percentiles(snmpdStartups.stream().mapToLong(Long::longValue).toArray());
      figures.put(Metric.SNMPD_STARTUP, startup.millis(0.5));
      figures.note("snmpd.startup.count", Integer.toString(startup.count()));
    }
  }

  /**
   * CPU (utime + stime) over the window, once the child is {@link BenchPlan#cpuWarmup()} old: the JIT
   * compiles the 10 s telemetry burst for its first one to two minutes (see docs/benchmark.md), after
   * which the process settles. snmpd's CPU, left idle after its walks, is read over the same window.
   *
   * @param snmpd the walks' snmpd, or null when it is not running (its figure's reason is already given)
   */
  private void cpu(ChildAgent child, NetSnmpd snmpd) throws IOException, InterruptedException {
    if (!ChildAgent.procAvailable()) {
      String why = "/proc is not available on this system (CPU and RSS are read from /proc/<pid>)";
      for (Metric m : List.of(Metric.CPU_PERCENT_DEFAULT, Metric.RSS, Metric.SNMPD_CPU_PERCENT, Metric.SNMPD_RSS)) {
        figures.notMeasured(m, why);
      }
      return;
    }
    Duration age = child.age();
    if (age.compareTo(plan.cpuWarmup()) < 0) {
      step("waiting until the child is " + plan.cpuWarmup().toSeconds() + " s old (JIT warm-up), now "
          + age.toSeconds() + " s");
      pause(plan.cpuWarmup().minus(age));
    }
    step("CPU of the idle-polling agent from " + child.age().toSeconds() + " s after its start, "
        + plan.cpuWindow().toSeconds() + " s measured");
    long snmpd0 = snmpd == null ? 0 : snmpd.cpuNanos();
    long cpu0 = child.cpuNanos();
    long wall0 = System.nanoTime();
    pause(plan.cpuWindow());
    long cpu = child.cpuNanos() - cpu0;
    long wall = System.nanoTime() - wall0;
    figures.put(Metric.CPU_PERCENT_DEFAULT, 100.0 * cpu / wall);
    figures.note("cpu.from", Long.toString(child.age().minus(plan.cpuWindow()).toSeconds()));
    if (snmpd != null) {
      figures.put(Metric.SNMPD_CPU_PERCENT, 100.0 * (snmpd.cpuNanos() - snmpd0) / wall);
    }
  }

  /**
   * The child's CPU with the lab console open in a headless Chromium, right after its idle window: the page loads,
   * follows the event stream until it says live, and stays open a warm-up as long as the window (the JIT compiles
   * the console's paths), then the window is measured. The increment over the idle figure is the console's cost.
   */
  private void consoleOpen(ChildAgent child, Path dir) {
    Optional<Path> chromium = ConsolePage.chromium();
    if (chromium.isEmpty() || !ChildAgent.procAvailable()) {
      figures.notMeasured(Metric.CPU_PERCENT_CONSOLE_OPEN, chromium.isEmpty()
          ? "chromium is not installed (apt-get install chromium)" : "/proc is not available on this system");
      return;
    }
    step("CPU with the console page open in headless Chromium: " + plan.cpuWindow().toSeconds() + " s warm-up, "
        + plan.cpuWindow().toSeconds() + " s measured");
    try (ConsolePage page = ConsolePage.open(chromium.get(), dir, child.controlUrl() + "/")) {
      int entities = page.awaitLive(Duration.ofSeconds(60));
      pause(plan.cpuWindow());
      long cpu0 = child.cpuNanos();
      long wall0 = System.nanoTime();
      pause(plan.cpuWindow());
      long cpu = child.cpuNanos() - cpu0;
      long wall = System.nanoTime() - wall0;
      if (!page.live()) {
        throw new IllegalStateException("the console page lost its event stream during the window");
      }
      figures.put(Metric.CPU_PERCENT_CONSOLE_OPEN, 100.0 * cpu / wall);
      figures.note("console.entities", Integer.toString(entities));
    } catch (Exception e) {
      failed("the console page", e, Metric.CPU_PERCENT_CONSOLE_OPEN);
    }
  }

  /** Resident memory once the child is {@link BenchPlan#rssAge()} old (it has been walked and faulted by then). */
  private void memory(ChildAgent child) throws IOException, InterruptedException {
    Duration age = child.age();
    if (age.compareTo(plan.rssAge()) < 0) {
      step("waiting until the child is " + plan.rssAge().toSeconds() + " s old to read its resident memory, now "
          + age.toSeconds() + " s");
      pause(plan.rssAge().minus(age));
    }
    figures.put(Metric.RSS, child.statusMebibytes("VmRSS"));
    figures.note("rss.peak", format(child.statusMebibytes("VmHWM")));
    figures.note("rss.age", Long.toString(child.age().toSeconds()));
  }

  /**
   * Full walks of the child and of snmpd, alternately; then snmpd's resident memory.
   *
   * @return the walked snmpd, still running, for its idle CPU figure (the caller closes it); null when none runs
   */
  private NetSnmpd walks(Path dir, ChildAgent child, Optional<Path> walk, Optional<Path> snmpd)
      throws IOException, InterruptedException {
    if (snmpd.isEmpty()) {
      figures.notMeasured(Metric.SNMPD_RSS, NO_SNMPD);
      figures.notMeasured(Metric.SNMPD_CPU_PERCENT, NO_SNMPD);
    }
    if (walk.isEmpty()) {
      String why = "snmpbulkwalk is not installed (apt-get install snmp)";
      figures.notMeasured(Metric.SNMP_WALK_RATIO, why);
      figures.notMeasured(Metric.SNMPD_RSS, why + ": snmpd is measured after its walks");
      figures.notMeasured(Metric.SNMPD_CPU_PERCENT, why + ": snmpd is measured after its walks");
      return null;
    }
    WalkTimer timer = new WalkTimer(walk.get().toString(), plan.walkRepetitions());
    if (snmpd.isEmpty()) {
      step("walking our agent (snmpd is not installed: no anchor)");
      WalkTimer.Figures ours = timer.measure("cpo-agent", child.snmpPort(), plan.walkWarmups());
      noteWalk("walk.ours", ours);
      figures.notMeasured(Metric.SNMP_WALK_RATIO, NO_SNMPD + ": ours alone is "
          + format(ours.varbindsPerSecond()) + " varbinds/s");
      return null;
    }
    NetSnmpd anchor = new NetSnmpd(snmpd.get(), Files.createDirectories(dir.resolve("snmpd")));
    try {
      anchor.awaitAnswer(timer);
      step("full walks (snmpbulkwalk -v2c -Cr50 .1), ours and snmpd alternately: " + plan.walkWarmups()
          + " warm-up + " + plan.walkRepetitions() + " timed each");
      List<WalkTimer.Figures> both = timer.measureInterleaved("cpo-agent", child.snmpPort(), "net-snmp snmpd",
          anchor.port(), plan.walkWarmups());
      noteWalk("walk.ours", both.get(0));
      noteWalk("walk.snmpd", both.get(1));
      figures.note("walk.snmpd.version", NetSnmpd.version(snmpd.get()));
      figures.put(Metric.SNMP_WALK_RATIO, both.get(0).varbindsPerSecond() / both.get(1).varbindsPerSecond());
      if (ChildAgent.procAvailable()) {
        figures.put(Metric.SNMPD_RSS, anchor.statusMebibytes("VmRSS"));
        figures.note("snmpd.rss.peak", format(anchor.statusMebibytes("VmHWM")));
      }
      return anchor;
    } catch (IOException | RuntimeException | InterruptedException e) {
      anchor.close();
      throw e;
    }
  }

  private void noteWalk(String name, WalkTimer.Figures f) {
    figures.note(name, String.format(Locale.ROOT, "%,.0f varbinds/s (%d in %.3f s)", f.varbindsPerSecond(),
        f.varbinds(), f.medianSeconds()));
  }

  private void pollCycles(Path dir) {
    try {
      step("poll cycles, default profile: " + plan.pollWarmups() + " warm-up + " + plan.pollCycles() + " timed");
      PollCycle.Result small = PollCycle.measure(configs, dir, DEFAULT_PROFILE, plan.pollWarmups(), plan.pollCycles());
      record(Metric.POLL_CYCLE_DEFAULT, "poll.default", small);
      step("poll cycles, 409.6T profile: " + plan.pollWarmups() + " warm-up + " + plan.pollCycles() + " timed");
      PollCycle.Result large = PollCycle.measure(configs, dir, PROFILE_409T, plan.pollWarmups(), plan.pollCycles());
      record(Metric.POLL_CYCLE_409T, "poll.409t", large);
      figures.note("growth.ratio", format(large.microsPerPort() / small.microsPerPort()));
    } catch (Exception e) {
      failed("the poll cycle", e, Metric.POLL_CYCLE_DEFAULT, Metric.POLL_CYCLE_409T);
    }
  }

  /** {@code /metrics} scrapes in this JVM, a tenth as many as poll cycles (each scrape follows a cycle). */
  private void scrapes(Path dir) {
    int warmups = Math.max(plan.pollWarmups() / 10, 1);
    int timed = Math.max(plan.pollCycles() / 10, 1);
    try {
      step("/metrics scrapes, default profile: " + warmups + " warm-up + " + timed + " timed");
      record(Metric.METRICS_SCRAPE_CPU_DEFAULT, Metric.METRICS_SCRAPE_ALLOCATION_DEFAULT, "scrape.default",
          MetricsScrape.measure(configs, dir, DEFAULT_PROFILE, warmups, timed));
      step("/metrics scrapes, 409.6T profile: " + warmups + " warm-up + " + timed + " timed");
      record(Metric.METRICS_SCRAPE_CPU_409T, Metric.METRICS_SCRAPE_ALLOCATION_409T, "scrape.409t",
          MetricsScrape.measure(configs, dir, PROFILE_409T, warmups, timed));
    } catch (Exception e) {
      failed("the /metrics scrape", e, Metric.METRICS_SCRAPE_CPU_DEFAULT, Metric.METRICS_SCRAPE_CPU_409T,
          Metric.METRICS_SCRAPE_ALLOCATION_DEFAULT, Metric.METRICS_SCRAPE_ALLOCATION_409T);
    }
  }

  private void record(Metric cpu, Metric allocation, String note, MetricsScrape.Result r) {
    figures.put(cpu, r.cpu().millis(0.5));
    figures.put(allocation, r.allocationPerResponseByte());
    figures.note(note, String.format(Locale.ROOT, "CPU p99 %.2f ms; %,d bytes allocated for a %,d-byte response",
        r.cpu().millis(0.99), r.medianAllocatedBytes(), r.responseBytes()));
  }

  private void record(Metric metric, String note, PollCycle.Result r) {
    figures.put(metric, r.cycle().millis(0.5));
    figures.note(note, String.format(Locale.ROOT, "p99 %.3f ms, %d ports, %d sensors, %.2f us/port", r.cycle().millis(0.99),
        r.ports(), r.sensors(), r.microsPerPort()));
  }

  /** Fault -> trap and MQTT event through the measured child, after its CPU window. */
  private void faultLatency(ChildAgent child, TrapReceiver traps) {
    step("fault -> trap/MQTT event through the child's control API: " + plan.faultWarmups() + " warm-up + "
        + plan.faultInjections() + " laser-failure injections, cleared in batches");
    try {
      FaultLatency.Result r = FaultLatency.measure(child, traps, plan.faultWarmups(), plan.faultInjections());
      figures.put(Metric.FAULT_TO_TRAP_P50, r.trap().millis(0.5));
      figures.put(Metric.FAULT_TO_TRAP_P99, r.trap().millis(0.99));
      figures.note("fault.count", Integer.toString(r.trap().count()));
      figures.note("trap.max", format(r.trap().maxMillis()));
      figures.put(Metric.FAULT_TO_MQTT_P50, r.mqtt().millis(0.5));
      figures.put(Metric.FAULT_TO_MQTT_P99, r.mqtt().millis(0.99));
      figures.note("mqtt.max", format(r.mqtt().maxMillis()));
      figures.put(Metric.FAULT_TO_GNMI_P50, r.gnmi().millis(0.5));
      figures.put(Metric.FAULT_TO_GNMI_P99, r.gnmi().millis(0.99));
      figures.note("gnmi.max", format(r.gnmi().maxMillis()));
    } catch (Exception e) {
      failed("fault latency", e, Metric.FAULT_TO_TRAP_P50, Metric.FAULT_TO_TRAP_P99, Metric.FAULT_TO_MQTT_P50,
          Metric.FAULT_TO_MQTT_P99, Metric.FAULT_TO_GNMI_P50, Metric.FAULT_TO_GNMI_P99);
    }
  }

  /**
   * The child's CPU while {@value #GNMI_SUBSCRIBERS} gNMI collectors each SAMPLE every lane reading
   * (each physical channel's output and input power, laser bias, laser temperature and laser age) every
   * second, after a warm-up as long as the CPU window.
   */
  private void gnmiSampling(ChildAgent child) {
    if (!ChildAgent.procAvailable()) {
      figures.notMeasured(Metric.CPU_PERCENT_GNMI_SAMPLE, "/proc is not available on this system");
      return;
    }
    step("CPU with " + GNMI_SUBSCRIBERS + " gNMI SAMPLE 1 s subscribers to every lane reading: "
        + plan.cpuWindow().toSeconds() + " s warm-up, " + plan.cpuWindow().toSeconds() + " s measured");
    try (GnmiSubscriber gnmi = new GnmiSubscriber(child.gnmiPort())) {
      gnmi.samplers(GNMI_SUBSCRIBERS);
      pause(plan.cpuWindow());
      long cpu0 = child.cpuNanos();
      long updates0 = gnmi.updates();
      long wall0 = System.nanoTime();
      pause(plan.cpuWindow());
      long cpu = child.cpuNanos() - cpu0;
      long wall = System.nanoTime() - wall0;
      long updates = gnmi.updates() - updates0;
      if (updates == 0) {
        throw new IllegalStateException("the gNMI subscribers received no update");
      }
      figures.put(Metric.CPU_PERCENT_GNMI_SAMPLE, 100.0 * cpu / wall);
      figures.note("gnmi.updates", String.format(Locale.ROOT, "%,d", updates * 1_000_000_000L / wall));
    } catch (Exception e) {
      failed("gNMI sampling", e, Metric.CPU_PERCENT_GNMI_SAMPLE);
    }
  }

  private void faultLatencyNotMeasured(String why) {
    for (Metric m : List.of(Metric.FAULT_TO_TRAP_P50, Metric.FAULT_TO_TRAP_P99, Metric.FAULT_TO_MQTT_P50,
        Metric.FAULT_TO_MQTT_P99, Metric.FAULT_TO_GNMI_P50, Metric.FAULT_TO_GNMI_P99, Metric.CPU_PERCENT_GNMI_SAMPLE)) {
      figures.notMeasured(m, why);
    }
  }

  /** A measurement that broke: its figures are reported as not measured, naming the error. */
  private void failed(String what, Exception e, Metric... metrics) {
    failedSteps++;
    LOG.warn("benchmark step '{}' failed", what, e);
    for (Metric m : metrics) {
      figures.notMeasured(m, what + " failed: " + e.getMessage());
    }
  }

  private void step(String line) {
    progress.println("bench: " + line);
    progress.flush();
  }

  /** Waits without spinning (nothing counts the latch down). */
  private static void pause(Duration d) throws InterruptedException {
    new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  static String format(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
