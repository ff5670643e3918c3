package dev.cpo.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfTableTest {

  private static String row(List<String> lines, String what) {
    return lines.stream().filter(l -> l.startsWith("| " + what)).findFirst().orElseThrow();
  }

  private static String met(String row) {
    String[] cells = row.split("\\|");
    return cells[cells.length - 1].trim();
  }

  @Test
  void aWalkSlowerThanSnmpdsIsReportedAsMissed() {
    Figures f = new Figures();
    f.put(Metric.SNMP_WALK_RATIO, 0.93);
    f.note("walk.snmpd", "54,000 varbinds/s (7060 in 0.131 s)");

    String walk = row(new PerfTable(f).lines(), "full SNMP walk");

    assertThat(walk).contains("ratio 0.93").contains("measured in this run: 54,000 varbinds/s");
    assertThat(met(walk)).isEqualTo("NO");
  }

  @Test
  void anAnchorThatCouldNotBeMeasuredShowsTheSpecsFigureAndWhy() {
    Figures f = new Figures();
    f.notMeasured(Metric.SNMP_WALK_RATIO, "snmpd is not installed");

    PerfTable table = new PerfTable(f);

    assertThat(row(table.lines(), "full SNMP walk"))
        .contains("about 54,000 varbinds/s (SPEC.md; not measured here: snmpd is not installed)");
    assertThat(met(row(table.lines(), "full SNMP walk"))).isEqualTo("not measured");
    assertThat(table.notMeasured()).contains("snmp_walk_ratio_vs_snmpd: snmpd is not installed");
  }

  @Test
  void latencyGoalsAreJudgedOnP99() {
    Figures f = new Figures();
    // SPEC.md's goal: p99 at most 5 ms (the p50 alone would pass both).
    f.put(Metric.FAULT_TO_TRAP_P50, 3);
    f.put(Metric.FAULT_TO_TRAP_P99, 5.0);
    f.put(Metric.FAULT_TO_MQTT_P50, 3);
    f.put(Metric.FAULT_TO_MQTT_P99, 5.1);

    List<String> lines = new PerfTable(f).lines();

    assertThat(met(row(lines, "fault -> SNMP trap"))).isEqualTo("yes");
    assertThat(met(row(lines, "fault -> MQTT event"))).isEqualTo("NO");
  }

  @Test
  void growthIsLinearWhileThePerPortCostStaysWithinTheTolerance() {
    Figures linear = new Figures();
    linear.note("growth.ratio", "1.10");
    Figures worse = new Figures();
    worse.note("growth.ratio", "1.60");

    assertThat(met(row(new PerfTable(linear).lines(), "409.6T"))).isEqualTo("yes");
    assertThat(met(row(new PerfTable(worse).lines(), "409.6T"))).isEqualTo("NO");
  }

  @Test
  void aScrapeMeetsItsGoalOnlyUnder20MsOfCpuAndAtMostOneByteAllocatedPerResponseByte() {
    Figures ok = new Figures();
    ok.put(Metric.METRICS_SCRAPE_CPU_DEFAULT, 9.5);
    ok.put(Metric.METRICS_SCRAPE_ALLOCATION_DEFAULT, 0.98);
    Figures slow = new Figures();
    slow.put(Metric.METRICS_SCRAPE_CPU_DEFAULT, 20.0);
    slow.put(Metric.METRICS_SCRAPE_ALLOCATION_DEFAULT, 0.98);
    Figures wasteful = new Figures();
    wasteful.put(Metric.METRICS_SCRAPE_CPU_DEFAULT, 9.5);
    wasteful.put(Metric.METRICS_SCRAPE_ALLOCATION_DEFAULT, 1.06);

    assertThat(row(new PerfTable(ok).lines(), "/metrics scrape, default")).contains("9.50 ms CPU", "0.98 bytes");
    assertThat(met(row(new PerfTable(ok).lines(), "/metrics scrape, default"))).isEqualTo("yes");
    assertThat(met(row(new PerfTable(slow).lines(), "/metrics scrape, default"))).isEqualTo("NO");
    assertThat(met(row(new PerfTable(wasteful).lines(), "/metrics scrape, default"))).isEqualTo("NO");
    assertThat(met(row(new PerfTable(ok).lines(), "/metrics scrape, 409.6T"))).isEqualTo("not measured");
  }

  @Test
  void theGnmiRowsJudgeTheirGoals() {
    Figures f = new Figures();
    f.put(Metric.FAULT_TO_GNMI_P50, 2);
    f.put(Metric.FAULT_TO_GNMI_P99, 4.5);
    f.put(Metric.CPU_PERCENT_GNMI_SAMPLE, 5.5);
    f.note("gnmi.updates", "46,080");

    List<String> lines = new PerfTable(f).lines();

    assertThat(met(row(lines, "fault -> gNMI ON_CHANGE"))).isEqualTo("yes");
    assertThat(row(lines, "agent CPU with 16 gNMI SAMPLE")).contains("5.50 %", "46,080 updates/s");
    assertThat(met(row(lines, "agent CPU with 16 gNMI SAMPLE"))).isEqualTo("NO");
  }

  @Test
  void theConsoleRowShowsItsIncrementOverTheIdleFigureOfTheSameRun() {
    Figures f = new Figures();
    f.put(Metric.CPU_PERCENT_DEFAULT, 0.8);
    f.put(Metric.CPU_PERCENT_CONSOLE_OPEN, 1.05);
    Figures none = new Figures();
    none.notMeasured(Metric.CPU_PERCENT_CONSOLE_OPEN, "chromium is not installed (apt-get install chromium)");

    String row = row(new PerfTable(f).lines(), "agent CPU with the lab console open");

    assertThat(row).contains("1.05 %", "(idle 0.80 %: +0.25 points)");
    assertThat(met(row)).isEqualTo("NO");
    assertThat(row(new PerfTable(none).lines(), "agent CPU with the lab console open"))
        .contains("not measured: chromium is not installed");
  }

  @Test
  void snmpdsMemoryCpuAndStartupMeasuredInTheRunAreTheAnchorsOfOurs() {
    Figures f = new Figures();
    f.put(Metric.RSS, 100.0);
    f.put(Metric.SNMPD_RSS, 7.9);
    f.put(Metric.CPU_PERCENT_DEFAULT, 0.6);
    f.put(Metric.SNMPD_CPU_PERCENT, 0.0);
    f.put(Metric.STARTUP, 950);
    f.put(Metric.SNMPD_STARTUP, 31.4);
    f.note("snmpd.startup.count", "5");
    f.note("walk.snmpd.version", "5.9.3");

    List<String> lines = new PerfTable(f).lines();

    assertThat(row(lines, "resident memory")).contains("100.0 MiB",
        "net-snmp snmpd 5.9.3, measured in this run: 7.9 MiB after its walks").doesNotContain("SPEC.md");
    assertThat(met(row(lines, "resident memory"))).isEqualTo("yes");
    assertThat(row(lines, "agent CPU at default settings")).contains("0.60 %",
        "net-snmp snmpd 5.9.3, measured in this run: 0.00 % idle over the same window");
    assertThat(row(lines, "startup to first SNMP answer")).contains("950 ms",
        "net-snmp snmpd 5.9.3, measured in this run: 31 ms median (n=5)");
    assertThat(met(row(lines, "startup to first SNMP answer"))).isEqualTo("yes");
  }

  @Test
  void snmpdsFiguresNotMeasuredFallBackToTheSpecsFigureAndSayWhy() {
    Figures f = new Figures();
    f.put(Metric.RSS, 140.0);
    for (Metric m : List.of(Metric.SNMPD_RSS, Metric.SNMPD_CPU_PERCENT, Metric.SNMPD_STARTUP)) {
      f.notMeasured(m, "snmpd is not installed (apt-get install snmpd)");
    }

    PerfTable table = new PerfTable(f);
    List<String> lines = table.lines();

    assertThat(row(lines, "resident memory"))
        .contains("net-snmp snmpd: about 8 MB (SPEC.md) (not measured here: snmpd is not installed");
    assertThat(met(row(lines, "resident memory"))).isEqualTo("NO");
    assertThat(row(lines, "agent CPU at default settings")).contains("net-snmp snmpd: - (not measured here: snmpd is not");
    assertThat(row(lines, "startup to first SNMP answer")).contains("net-snmp snmpd: - (not measured here: snmpd is not");
    assertThat(table.notMeasured()).contains("snmpd_rss_mb: snmpd is not installed (apt-get install snmpd)",
        "snmpd_cpu_percent: snmpd is not installed (apt-get install snmpd)",
        "snmpd_startup_ms: snmpd is not installed (apt-get install snmpd)");
  }

  @Test
  void everyRowHasTheSameWidth() {
    Figures f = new Figures();
    f.put(Metric.STARTUP, 900);

    List<String> lines = new PerfTable(f).lines();

    // Header, rule and one row per goal of SPEC.md (two for gNMI, and the agent's CPU with the console open).
    assertThat(lines).hasSize(15);
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
  }
}
