package dev.cpo.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

  private static final List<String> KEYS = List.of("snmp_walk_ratio_vs_snmpd", "fault_to_trap_p50_ms",
      "fault_to_trap_p99_ms", "fault_to_mqtt_p50_ms", "fault_to_mqtt_p99_ms", "fault_to_gnmi_p50_ms",
      "fault_to_gnmi_p99_ms", "cpu_percent_16_gnmi_sample_subscribers", "poll_cycle_ms_default",
      "poll_cycle_ms_409t", "cpu_percent_default", "cpu_percent_console_open", "rss_mb", "metrics_scrape_cpu_ms_default",
      "metrics_scrape_cpu_ms_409t", "metrics_scrape_allocated_per_response_byte_default",
      "metrics_scrape_allocated_per_response_byte_409t", "startup_ms", "snmpd_rss_mb", "snmpd_cpu_percent",
      "snmpd_startup_ms");

  @Test
  void theJsonHasExactlyTheAgreedKeysWithNullAndAReasonForWhatWasNotMeasured(@TempDir Path dir) throws Exception {
    Figures f = new Figures();
    f.put(Metric.STARTUP, 812.3456);
    f.notMeasured(Metric.SNMP_WALK_RATIO, "snmpd is not installed");

    f.writeJson(dir.resolve("figures.json"));
    JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("figures.json")));

    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    List<String> expected = new ArrayList<>(KEYS);
    expected.add("not_measured");
    assertThat(names).containsExactlyElementsOf(expected);
    assertThat(json.get("startup_ms").asDouble()).isEqualTo(812.346);
    assertThat(json.get("snmp_walk_ratio_vs_snmpd").isNull()).isTrue();
    assertThat(json.get("not_measured").get("snmp_walk_ratio_vs_snmpd").asText()).isEqualTo("snmpd is not installed");
    assertThat(json.get("not_measured").has("startup_ms")).isFalse();
    assertThat(json.get("not_measured").get("rss_mb").asText()).isEqualTo("not attempted");
  }

  @Test
  void aFigureMeasuredAfterAllDropsItsReason() {
    Figures f = new Figures();
    f.notMeasured(Metric.RSS, "first try failed");

    f.put(Metric.RSS, 120);

    assertThat(f.toJson(new ObjectMapper()).get("not_measured").has("rss_mb")).isFalse();
  }
}
