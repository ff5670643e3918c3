package dev.cpo.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.cli.Fleet;
import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scraping each switch of a fleet as a target of its own, as docs/metrics.md configures
 * it: one control port, a {@code __metrics_path__} of {@code /api/v1/switches/<id>/metrics} per switch, and
 * the switch id as the {@code instance} label.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetPrometheusIT {

  private static final int SWITCHES = 4;

  private Fleet fleet;
  private PrometheusServer prometheus;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Tools.require("prometheus");
    fleet = Fleet.of(null, List.of("snmp.port=0", "control.port=0", "gnmi.port=0", "mqtt.embedded.port=0",
        "traps.port=9", "state.dir=" + dir.resolve("state")), SWITCHES, null, 7L);
    fleet.start();
    StringBuilder job = new StringBuilder("  - job_name: cpo-fleet\n    static_configs:\n");
    for (int k = 1; k <= SWITCHES; k++) {
      job.append("      - targets: ['127.0.0.1:").append(fleet.first().control().port()).append("']\n")
          .append("        labels: {__metrics_path__: /api/v1/switches/sw").append(k).append("/metrics}\n");
    }
    job.append("    relabel_configs:\n")
        .append("      - source_labels: [__metrics_path__]\n")
        .append("        regex: /api/v1/switches/([^/]+)/metrics\n")
        .append("        target_label: instance\n");
    prometheus = new PrometheusServer(Files.createDirectories(dir.resolve("prometheus")), job.toString());
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> prometheus.scalar("count(up{job=\"cpo-fleet\"} == 1)") == SWITCHES
            && prometheus.scalar("count(cpo_switch_info)") == SWITCHES);
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (fleet != null) {
      fleet.stop();
    }
  }

  @Test
  @Order(1)
  void eachTargetIsItsOwnSwitch() throws Exception {
    for (int k = 1; k <= SWITCHES; k++) {
      JsonNode info = prometheus.query("cpo_switch_info{instance=\"sw" + k + "\"}");
      assertThat(info).hasSize(1);
      assertThat(info.get(0).path("metric").path("switch").asText()).isEqualTo("sw" + k);
    }
    // Every switch's lanes (144 ports x 4 lanes each), each series under its own switch's instance.
    assertThat(prometheus.scalar("count(cpo_lane_rx_power_dbm)")).isEqualTo(SWITCHES * 576);
    for (int k = 1; k <= SWITCHES; k++) {
      assertThat(prometheus.scalar("count(cpo_lane_rx_power_dbm{instance=\"sw" + k + "\"})")).isEqualTo(576);
    }
  }

  @Test
  @Order(2)
  void aLaserFailureOnSw3ShowsOnSw3sTargetOnly() throws Exception {
    fleet.members().get("sw3").sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, "els3/laser5"));

    String root = "cpo_alarm_active{root=\"true\"}";
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(prometheus.query(root)).hasSize(1));
    JsonNode alarm = prometheus.query(root).get(0).path("metric");
    assertThat(alarm.path("instance").asText()).isEqualTo("sw3");
    assertThat(alarm.path("entity").asText()).isEqualTo("els3/laser5");
  }
}
