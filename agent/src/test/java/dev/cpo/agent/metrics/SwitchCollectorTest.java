package dev.cpo.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.fault.FaultCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /metrics} says about the simulated switch, read as the text a scraper gets. */
class SwitchCollectorTest {

  @TempDir Path dir;

  private SimRig rig;

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  private String scrape(String accept) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MetricsEndpoint.of(new SwitchCollector(rig.agent, "sw1")).write(accept, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> lines(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void aCutFiberGivesItsLaneTheMinus40DbmFloorAndLossOfSignalNeverMinusInfinity() throws Exception {
    rig = new SimRig(dir);
    rig.inject(FaultCatalog.FIBER_CUT, "port17/lane3");
    rig.runSeconds(3);

    String text = scrape(null);

    assertThat(lines(text, "cpo_lane_rx_power_dbm{")).hasSize(576);
    assertThat(text).contains("cpo_lane_rx_power_dbm{lane=\"3\",port=\"17\"} -40.0\n");
    assertThat(text).contains("cpo_lane_rx_los{lane=\"3\",port=\"17\"} 1.0\n");
    assertThat(text).contains("cpo_lane_rx_los{lane=\"2\",port=\"17\"} 0.0\n");
    assertThat(text).doesNotContain("Inf", "NaN");
    assertThat(text).contains("cpo_port_oper_state{port=\"17\",cpo_port_oper_state=\"degraded\"} 1\n");
    // Three lanes up at 200G: 600 Gb/s is 75e9 bytes per second.
    assertThat(text).contains("cpo_port_speed_bytes_per_second{port=\"17\"} 7.5E10\n");
  }

  /** A level set after the collector's first scrape is published with its own labels from the next one on. */
  @Test
  void aThresholdLevelSetLaterIsPublishedWithItsLevel() throws Exception {
    rig = new SimRig(dir);
    rig.runSeconds(1);
    MetricsEndpoint endpoint = MetricsEndpoint.of(new SwitchCollector(rig.agent, "sw1"));
    String prefix = "cpo_asic_temperature_threshold_celsius{asic=\"asic1\",level=\"";

    String before = scrapeWith(endpoint);
    assertThat(lines(before, prefix)).extracting(l -> l.substring(prefix.length(), l.indexOf('"', prefix.length())))
        .containsExactlyInAnyOrder("highWarning", "highAlarm");

    rig.agent.thresholds().set("asic1:temp", dev.cpo.agent.alarm.ThresholdLevel.LOW_ALARM, 5.0, "test");
    String after = scrapeWith(endpoint);
    assertThat(lines(after, prefix + "lowAlarm\"}")).containsExactly(prefix + "lowAlarm\"} 5.0");
    assertThat(lines(after, prefix)).hasSize(3);
    assertThat(lines(after, "cpo_asic_temperature_threshold_celsius{asic=\"asic2\",level=\"")).hasSize(2);
  }

  private static String scrapeWith(MetricsEndpoint endpoint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    endpoint.write(null, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readingsAreInBaseUnitsAndThresholdsCarryTheirLevel() throws Exception {
    rig = new SimRig(dir);
    rig.runSeconds(1);

    String text = scrape(null);

    // Bias is read in mA and published in amperes: a CPO laser runs at a few hundred mA.
    String bias = lines(text, "cpo_laser_bias_amperes{laser=\"5\",module=\"els3\"}").get(0);
    assertThat(Double.parseDouble(bias.substring(bias.lastIndexOf(' ') + 1))).isBetween(0.01, 1.0);
    assertThat(lines(text, "cpo_laser_bias_threshold_amperes{laser=\"5\",level=\"highAlarm\",module=\"els3\"}"))
        .hasSize(1);
    assertThat(lines(text, "cpo_lane_pre_fec_bit_error_threshold_ratio{lane=\"1\",level=\"highAlarm\",port=\"1\"}"))
        .containsExactly("cpo_lane_pre_fec_bit_error_threshold_ratio{lane=\"1\",level=\"highAlarm\",port=\"1\"} 2.4E-4");
    assertThat(text).contains("# TYPE cpo_port_receive_bytes_total counter", "# TYPE cpo_switch_info gauge",
        "cpo_switch_info{model=", "# TYPE cpo_coolant_flow_cubic_meters_per_second gauge");
  }

  @Test
  void prometheusAcceptHeaderGetsOpenMetricsAndNoneGetsTheTextFormat() throws Exception {
    rig = new SimRig(dir);
    rig.runSeconds(1);
    MetricsEndpoint endpoint = MetricsEndpoint.of(new SwitchCollector(rig.agent, "sw1"));
    // Prometheus 2.x's scrape Accept header (OpenMetrics 1.0 preferred).
    String prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
        + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    String om = scrape(prometheus);

    assertThat(om).endsWith("# EOF\n").contains("# UNIT cpo_laser_bias_amperes amperes",
        "# TYPE cpo_port_oper_state stateset");
    assertThat(scrape(null)).doesNotContain("# EOF");
    assertThat(endpoint.handle(dev.cpo.agent.control.Request.of("GET", "/metrics",
        java.util.Map.of("Accept", List.of(prometheus)), null)).contentType())
        .startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(endpoint.handle(dev.cpo.agent.control.Request.of("GET", "/metrics", java.util.Map.of(), null))
        .contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }
}
