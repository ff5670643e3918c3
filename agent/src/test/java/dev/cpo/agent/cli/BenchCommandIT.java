package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.bench.Metric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --quick --json FILE} end to end: it starts the agent in a child JVM, snmpd when installed,
 * the in-process product and its receivers, prints the table and writes every figure (a number, or null
 * with the reason). About 30 s; the figures themselves are not judged here (a benchmark, not a timed test).
 */
class BenchCommandIT {

  @Test
  void aQuickRunWritesEveryFigureAsANumberOrNullWithAReason(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "--quick", "--json",
        json.toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    List<String> expected = new ArrayList<>();
    for (Metric m : Metric.values()) {
      expected.add(m.key());
      JsonNode v = figures.get(m.key());
      assertThat(v).as(m.key()).isNotNull();
      if (v.isNull()) {
        assertThat(figures.get("not_measured").path(m.key()).asText()).as("reason for " + m.key()).isNotBlank();
      } else {
        assertThat(v.isNumber()).as(m.key() + " is a number").isTrue();
        if (m == Metric.SNMPD_CPU_PERCENT) {
          // An idle snmpd may use no clock tick at all in the quick run's 5 s window.
          assertThat(v.asDouble()).as(m.key()).isNotNegative();
        } else {
          assertThat(v.asDouble()).as(m.key()).isPositive();
        }
      }
    }
    expected.add("not_measured");
    List<String> names = new ArrayList<>();
    figures.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(expected);
    // Startup, poll cycles and fault -> trap need nothing outside the JDK: always measured.
    assertThat(figures.get("startup_ms").isNumber()).isTrue();
    assertThat(figures.get("poll_cycle_ms_default").isNumber()).isTrue();
    assertThat(figures.get("fault_to_trap_p99_ms").isNumber()).isTrue();
    // With Debian's chromium installed, the console page really opened and went live.
    if (java.nio.file.Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      assertThat(figures.get("cpu_percent_console_open").isNumber())
          .as(figures.get("not_measured").path("cpu_percent_console_open").asText()).isTrue();
    }
    // With net-snmp's snmpd installed, its memory, idle CPU and startup were measured in the same run.
    if (java.nio.file.Files.isExecutable(Path.of("/usr/sbin/snmpd"))
        && java.nio.file.Files.isExecutable(Path.of("/usr/bin/snmpbulkwalk"))) {
      for (Metric m : List.of(Metric.SNMPD_RSS, Metric.SNMPD_CPU_PERCENT, Metric.SNMPD_STARTUP)) {
        assertThat(figures.get(m.key()).isNumber()).as(figures.get("not_measured").path(m.key()).asText()).isTrue();
      }
      assertThat(out.toString()).contains("net-snmp snmpd", "measured in this run");
    }
    assertThat(out.toString()).contains("| what ", "| startup to first SNMP answer", "figures written to " + json);
  }
}
