package dev.cpo.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SPEC.md's performance table filled from one run's {@link Figures}: what | goal | ours | anchor | met?.
 * The anchor is the figure measured in this run where one can be (net-snmp snmpd's walk rate, resident
 * memory, idle CPU and startup), else SPEC.md's figure marked "not measured here" with the reason.
 */
public final class PerfTable {

  /** How much larger the 409.6T per-port cost may be than the default's and still count as linear (noise). */
  static final double LINEAR_TOLERANCE = 1.15;

  private static final String[] HEADER = {"what", "goal", "ours", "anchor", "met?"};

  private final Figures f;

  public PerfTable(Figures figures) {
    this.f = figures;
  }

  /** The table as Markdown lines, columns padded for the terminal. */
  public List<String> lines() {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    rows.add(walk());
    rows.add(latency("fault -> SNMP trap received (laser-failure, interrupt path)", Metric.FAULT_TO_TRAP_P50,
        Metric.FAULT_TO_TRAP_P99, "trap.max"));
    rows.add(latency("fault -> MQTT event received (laser-failure, interrupt path)", Metric.FAULT_TO_MQTT_P50,
        Metric.FAULT_TO_MQTT_P99, "mqtt.max"));
    rows.add(latency("fault -> gNMI ON_CHANGE update received (laser-failure alarm, interrupt path)",
        Metric.FAULT_TO_GNMI_P50, Metric.FAULT_TO_GNMI_P99, "gnmi.max"));
    rows.add(new String[] {"one full poll cycle, default switch (median)", "under 1 ms",
        ms(Metric.POLL_CYCLE_DEFAULT, "%.3f ms") + note(" (", "poll.default", ")"), "-",
        met(Metric.POLL_CYCLE_DEFAULT, v -> v < 1)});
    rows.add(new String[] {"agent CPU at default settings (README command's process, utime+stime)", "under 1 % of one core",
        ms(Metric.CPU_PERCENT_DEFAULT, "%.2f %%") + note(" (from ", "cpu.from", " s after start)"),
        snmpd(Metric.SNMPD_CPU_PERCENT, "%.2f %% idle over the same window", "-") + "; SONiC snmp subagent: 100 % on "
            + "600+ interfaces (SPEC.md; not measured here: no SONiC on this machine)",
        met(Metric.CPU_PERCENT_DEFAULT, v -> v < 1)});
    rows.add(new String[] {"agent CPU with the lab console open in headless Chromium (same process, next window)",
        "under 1 % of one core", ms(Metric.CPU_PERCENT_CONSOLE_OPEN, "%.2f %%") + consoleIncrement()
            + note(" (", "console.entities", " entities on the faceplate)"), "-",
        met(Metric.CPU_PERCENT_CONSOLE_OPEN, v -> v < 1)});
    rows.add(new String[] {"agent CPU with 16 gNMI SAMPLE 1 s subscribers to every lane reading", "under 5 % of one core",
        ms(Metric.CPU_PERCENT_GNMI_SAMPLE, "%.2f %%") + note(" (", "gnmi.updates", " updates/s sent)"),
        "SONiC gNMI server: out of memory behind a slow collector (sonic-gnmi#26; not measured here)",
        met(Metric.CPU_PERCENT_GNMI_SAMPLE, v -> v < 5)});
    rows.add(new String[] {"resident memory (README command's process, VmRSS)", "at most 128 MB (stretch 96 MB)",
        ms(Metric.RSS, "%.1f MiB") + note(" at ", "rss.age", " s") + note(" (peak ", "rss.peak", " MiB)"),
        snmpd(Metric.SNMPD_RSS, "%.1f MiB after its walks", "about 8 MB (SPEC.md)"),
        met(Metric.RSS, v -> v * 1.048576 <= 128)});
    rows.add(new String[] {"startup to first SNMP answer (process start -> GET answered)", "under 1 s",
        ms(Metric.STARTUP, "%.0f ms") + note(" median, max ", "startup.max", " ms") + note(" (n=", "startup.count", ")"),
        snmpd(Metric.SNMPD_STARTUP, "%.0f ms median", "-") + (f.get(Metric.SNMPD_STARTUP).isPresent()
            ? note(" (n=", "snmpd.startup.count", ")") : ""), met(Metric.STARTUP, v -> v < 1000)});
    rows.add(scrape("default switch", Metric.METRICS_SCRAPE_CPU_DEFAULT, Metric.METRICS_SCRAPE_ALLOCATION_DEFAULT,
        "scrape.default", "under 20 ms of CPU; allocation at most the response's size"));
    rows.add(scrape("409.6T profile", Metric.METRICS_SCRAPE_CPU_409T, Metric.METRICS_SCRAPE_ALLOCATION_409T,
        "scrape.409t", "allocation at most the response's size"));
    rows.add(growth());
    return render(rows);
  }

  /** The figures that were not measured, one line each with the reason. */
  public List<String> notMeasured() {
    List<String> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      if (f.get(m).isEmpty()) {
        out.add(m.key() + ": " + f.reason(m));
      }
    }
    return out;
  }

  /** The console's cost: its CPU figure less the idle one of the same run. */
  private String consoleIncrement() {
    return f.get(Metric.CPU_PERCENT_CONSOLE_OPEN).flatMap(open -> f.get(Metric.CPU_PERCENT_DEFAULT)
        .map(idle -> String.format(Locale.ROOT, " (idle %.2f %%: %+.2f points)", idle, open - idle))).orElse("");
  }

  private String[] walk() {
    String anchor = f.noteOf("walk.snmpd")
        .map(s -> "net-snmp snmpd " + f.noteOf("walk.snmpd.version").orElse("") + ", measured in this run: " + s)
        .orElse("net-snmp snmpd 5.9.3: about 54,000 varbinds/s (SPEC.md; not measured here: "
            + f.reason(Metric.SNMP_WALK_RATIO) + ")");
    String ours = f.noteOf("walk.ours").orElse("not measured") + f.get(Metric.SNMP_WALK_RATIO)
        .map(r -> String.format(Locale.ROOT, "; ratio %.2f", r)).orElse("");
    return new String[] {"full SNMP walk, varbinds/s (snmpbulkwalk -Cr50)", "at least 2x snmpd's rate (ratio >= 2)",
        ours, anchor, met(Metric.SNMP_WALK_RATIO, v -> v >= 2)};
  }

  /**
   * snmpd's figure as an anchor: measured in this run, else {@code spec} (SPEC.md's figure, or "-") with why
   * it was not measured.
   */
  private String snmpd(Metric m, String format, String spec) {
    String version = f.noteOf("walk.snmpd.version").map(v -> " " + v).orElse("");
    return f.get(m).map(v -> "net-snmp snmpd" + version + ", measured in this run: " + String.format(Locale.ROOT, format, v))
        .orElse("net-snmp snmpd: " + spec + " (not measured here: " + f.reason(m) + ")");
  }

  private String[] latency(String what, Metric p50, Metric p99, String maxNote) {
    String ours = f.get(p50).isPresent() && f.get(p99).isPresent()
        ? String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", f.get(p50).get(), f.get(p99).get())
            + note(", max ", maxNote, " ms") + note(" (n=", "fault.count", ")")
        : "not measured: " + f.reason(p99);
    return new String[] {what, "p99 at most 5 ms", ours, "SONiC: 60 s polling and no traps (SPEC.md; not measured here)",
        met(p99, v -> v <= 5)};
  }

  /** A {@code /metrics} scrape: CPU (the 20 ms goal is the default switch's) and allocation per response byte. */
  private String[] scrape(String which, Metric cpu, Metric allocation, String note, String goal) {
    String ours = ms(cpu, "%.2f ms CPU (median)") + ms(allocation, ", %.2f bytes allocated per response byte")
        + note(" (", note, ")");
    boolean cpuGoal = cpu == Metric.METRICS_SCRAPE_CPU_DEFAULT;
    String met = f.get(cpu).isEmpty() || f.get(allocation).isEmpty() ? "not measured"
        : (!cpuGoal || f.get(cpu).get() < 20) && f.get(allocation).get() <= 1 ? "yes" : "NO";
    return new String[] {"/metrics scrape, " + which + " (OpenMetrics, in-process)", goal, ours, "-", met};
  }

  private String[] growth() {
    Optional<String> ratio = f.noteOf("growth.ratio");
    String ours = ratio.map(r -> "poll cycle per port, 409.6T / default: " + r + " (" + ms(Metric.POLL_CYCLE_409T,
        "%.3f ms") + note(", ", "poll.409t", "") + ")").orElse("not measured: " + f.reason(Metric.POLL_CYCLE_409T));
    String met = ratio.map(r -> Double.parseDouble(r) <= LINEAR_TOLERANCE ? "yes" : "NO").orElse("not measured");
    return new String[] {"409.6T profile: growth with ports", "at most linear (per-port cost not above the default's)",
        ours, "-", met};
  }

  private String ms(Metric m, String format) {
    return f.get(m).map(v -> String.format(Locale.ROOT, format, v)).orElse("not measured: " + f.reason(m));
  }

  private String note(String before, String name, String after) {
    return f.noteOf(name).map(v -> before + v + after).orElse("");
  }

  private String met(Metric m, java.util.function.DoublePredicate goal) {
    return f.get(m).map(v -> goal.test(v) ? "yes" : "NO").orElse("not measured");
  }

  private static List<String> render(List<String[]> rows) {
    int[] width = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (int n = 0; n < rows.size(); n++) {
      out.add(line(rows.get(n), width));
      if (n == 0) {
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
          rule[i] = "-".repeat(width[i]);
        }
        out.add(line(rule, width));
      }
    }
    return out;
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      b.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    return b.toString();
  }
}
