package dev.cpo.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's {@code /metrics} scraped by a real Prometheus server every second, and checked with PromQL and
 * with {@code promtool check metrics}. One product and one Prometheus for the class; the fault comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeIT {

  private Product product;
  private PrometheusServer prometheus;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Tools.require("prometheus");
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "gnmi.port=0", "control.port=0", "mqtt.embedded.port=0",
        "traps.port=" + PrometheusServer.freePort(), "state.dir=" + dir.resolve("state"))));
    product.start();
    prometheus = new PrometheusServer(Files.createDirectories(dir.resolve("prometheus")),
        "  - job_name: cpo\n    static_configs:\n      - targets: ['127.0.0.1:" + product.control().port() + "']\n");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> prometheus.scalar("up{job=\"cpo\"}") == 1 && prometheus.scalar("count(cpo_lane_rx_power_dbm)") > 0);
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (product != null) {
      product.stop();
    }
  }

  @Test
  @Order(1)
  void prometheusSeesOneReceivePowerSamplePerLane() throws Exception {
    // SPEC.md contract: cpo_lane_rx_power_dbm has one sample per lane (144 ports x 4 lanes).
    assertThat(prometheus.scalar("count(cpo_lane_rx_power_dbm)")).isEqualTo(576);
    assertThat(prometheus.scalar("count(count by (port, lane) (cpo_lane_rx_power_dbm))")).isEqualTo(576);
    assertThat(prometheus.scalar("count(cpo_laser_bias_amperes)")).isEqualTo(144);
    assertThat(prometheus.scalar("cpo_laser_bias_amperes{module=\"els3\",laser=\"5\"}")).isBetween(0.01, 1.0);
    assertThat(prometheus.scalar("count(cpo_port_oper_state{cpo_port_oper_state=\"up\"} == 1)")).isEqualTo(144);
    assertThat(prometheus.scalar("count(cpo_alarm_active)")).isNaN();
  }

  @Test
  @Order(2)
  void promtoolFindsNothingToSayAboutAScrape() throws Exception {
    Path promtool = Tools.require("promtool");
    HttpResponse<byte[]> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(product.control().url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(scrape.body());
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).isEmpty();
  }

  @Test
  @Order(3)
  void aRateOverTheOctetCountersIsTheLoadTimesTheLineRate() throws Exception {
    double load = product.sim().settings().load();
    // ifHCInOctets as a counter: bytes per second x 8 against the port's speed in bits per second.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(prometheus.scalar("count(rate(cpo_port_receive_bytes_total[5s]) > 0)")).isEqualTo(144);
      assertThat(prometheus.scalar("avg(rate(cpo_port_receive_bytes_total[5s]) * 8)"))
          .isCloseTo(load * 800e9, within(0.05 * load * 800e9));
      assertThat(prometheus.scalar("avg(rate(cpo_port_transmit_bytes_total[5s]) / cpo_port_speed_bytes_per_second)"))
          .isCloseTo(load, within(0.05 * load));
    });
  }

  @Test
  @Order(4)
  void everyQueryOfTheGrafanaDashboardRunsOnPrometheus() throws Exception {
    JsonNode dash = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        Tools.repoRoot().resolve("integrations/grafana/cpo-switch-dashboard.json").toFile());
    List<String> empty = new java.util.ArrayList<>();
    for (JsonNode e : dash.findValues("expr")) {
      String expr = e.asText().replace("$instance", ".*").replace("$module", ".*").replace("$port", ".*")
          .replace("$__rate_interval", "10s");
      // query() throws, naming the expression, when Prometheus refuses it.
      if (prometheus.query(expr).isEmpty()) {
        empty.add(expr);
      }
    }
    // Only the forecast (every laser's trend still flat) and the alarm table (no alarm yet) are empty on a fresh
    // switch; everything else shows data.
    assertThat(empty).containsExactlyInAnyOrder("cpo_alarm_active{instance=~\".*\"}",
        "cpo_laser_end_of_life_forecast_seconds{instance=~\".*\",module=~\".*\"}");
  }

  @Test
  @Order(5)
  void aLaserFailureOnEls3Laser5ShowsItsRootAlarmAndPorts17To20DegradedWithinTwoScrapes() throws Exception {
    long injected = System.currentTimeMillis();
    product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, "els3/laser5"));

    String degraded = "cpo_port_oper_state{cpo_port_oper_state=\"degraded\"} == 1";
    String root = "cpo_alarm_active{entity=\"els3/laser5\",root=\"true\"}";
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(prometheus.query(root)).hasSize(1);
      assertThat(ports(prometheus.query(degraded))).containsExactly(17, 18, 19, 20);
    });
    JsonNode alarm = prometheus.query(root).get(0).path("metric");
    assertThat(alarm.path("id").asText()).isEqualTo("laser-failure/els3/laser5");
    assertThat(alarm.path("severity").asText()).isEqualTo("major");
    // The ports' lanes fed by the laser are symptoms of it, not roots of their own.
    assertThat(prometheus.query("cpo_alarm_active{root=\"true\"}")).hasSize(1);

    // Counted in scrapes, not in wall time: the scrapes after the injection up to the first that saw both.
    long seenAll = first(root + "[1m]");
    for (int port = 17; port <= 20; port++) {
      seenAll = Math.max(seenAll, first("cpo_port_oper_state{cpo_port_oper_state=\"degraded\",port=\"" + port + "\"}[1m]"));
    }
    long seen = seenAll;
    List<Long> scrapes = prometheus.sampleTimes("up{job=\"cpo\"}[1m]");
    long scrapesUntilSeen = scrapes.stream().filter(t -> t > injected && t <= seen).count();
    assertThat(scrapesUntilSeen).as("scrapes from the injection to the first showing it").isBetween(1L, 2L);
  }

  /** The earliest scraped sample (epoch ms) of a raw range selector's series with the value 1. */
  private long first(String rangeSelector) throws Exception {
    JsonNode series = prometheus.query(rangeSelector);
    long first = Long.MAX_VALUE;
    for (JsonNode s : series) {
      for (JsonNode v : s.path("values")) {
        if (v.get(1).asDouble() == 1) {
          first = Math.min(first, Math.round(v.get(0).asDouble() * 1000));
        }
      }
    }
    return first;
  }

  private static Set<Integer> ports(JsonNode result) {
    Set<Integer> out = new TreeSet<>();
    for (JsonNode s : result) {
      out.add(Integer.parseInt(s.path("metric").path("port").asText()));
    }
    return out;
  }
}
