package dev.cpo.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.SensorKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snmp_exporter kit in integrations/snmp_exporter against the real programs: Debian's generator turns
 * generator.yml into exactly the committed snmp.yml over the standard MIBs and ours, promtool checks and tests the
 * recording rules, and the real exporter with that snmp.yml, walking the running product, gives every sensor with
 * the labels the kit promises.
 */
class SnmpExporterIT {

  private static final Path KIT = Tools.repoRoot().resolve("integrations").resolve("snmp_exporter");

  @TempDir Path dir;

  @Test
  void theGeneratorTurnsGeneratorYmlIntoTheCommittedSnmpYmlWithoutAnError() throws Exception {
    Path generator = Tools.require("prometheus-snmp-generator");
    Files.copy(KIT.resolve("generator.yml"), dir.resolve("generator.yml"));
    ProcessBuilder pb = new ProcessBuilder(generator.toString(), "--fail-on-parse-errors", "generate")
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("MIBDIRS", Tools.ietfMibs() + ":" + Tools.repoRoot().resolve("mibs"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as("the generator's log").doesNotContain("level=warn", "level=error");
    assertThat(Files.readString(dir.resolve("snmp.yml")))
        .as("snmp.yml regenerated from generator.yml (run the command in docs/integrations/snmp-exporter.md)")
        .isEqualTo(Files.readString(KIT.resolve("snmp.yml")));
  }

  @Test
  void promtoolChecksTheRecordingRulesAndTheirArithmeticOnTheAgentsEncoding() throws Exception {
    Path promtool = Tools.require("promtool");
    assertThat(run(KIT, promtool.toString(), "check", "rules", "recording-rules.yml")).contains("SUCCESS");
    assertThat(run(KIT, promtool.toString(), "test", "rules", "recording-rules.test.yml")).contains("SUCCESS");
  }

  @Test
  void theExporterWalkingTheProductGivesEverySensorWithItsNameScaleAndUnits() throws Exception {
    Path exporter = Tools.require("prometheus-snmp-exporter");
    try (Product product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "gnmi.port=0", "control.port=0",
        "mqtt.embedded.port=0", "traps.port=" + PrometheusServer.freePort(), "state.dir=" + dir.resolve("state"))))) {
      product.start();
      int port = PrometheusServer.freePort();
      Process p = new ProcessBuilder(exporter.toString(), "--config.file=" + KIT.resolve("snmp.yml"),
          "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
          .redirectOutput(dir.resolve("exporter.log").toFile()).start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        URI scrape = URI.create("http://127.0.0.1:" + port + "/snmp?module=cpo_switch&target=127.0.0.1:"
            + product.snmp().port());
        String body = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
            HttpRequest.newBuilder(scrape).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString()).body(), b -> b.contains("entPhySensorValue{"));
        List<String> sensors = body.lines().filter(l -> l.startsWith("entPhySensorValue{")).toList();
        Inventory inv = product.agent().inventory();
        // Every HAL sensor, and each leak detector (RFC 3433 truthvalue sensors on the leak entities themselves).
        assertThat(sensors).hasSize(inv.sensors().size() + inv.entitiesOf(dev.cpo.hal.EntityClass.LEAK_SENSOR).size());
        assertThat(sensors).allSatisfy(l -> assertThat(l).contains("entPhysicalName=\"", "entPhySensorPrecision=\"",
            "entPhySensorScale=\"", "entPhySensorType=\"", "entPhySensorUnitsDisplay=\""));

        String bias = line(sensors, "entPhysicalName=\"els3/laser5:bias\"");
        assertThat(bias).contains("entPhySensorType=\"5\"", "entPhySensorScale=\"8\"", "entPhySensorPrecision=\"2\"",
            "entPhySensorUnitsDisplay=\"mA\"");
        double biasMilliamps = product.agent().latest().hal()
            .value(inv.sensor("els3/laser5", SensorKind.BIAS_CURRENT).orElseThrow().index());
        assertThat(value(bias) / 100).isBetween(biasMilliamps - 5, biasMilliamps + 5);
        assertThat(line(sensors, "entPhysicalName=\"port17/lane3:rx_power\""))
            .contains("entPhySensorType=\"6\"", "entPhySensorPrecision=\"4\"", "entPhySensorUnitsDisplay=\"mW\"");
        assertThat(line(sensors, "entPhysicalName=\"asic1:temp\"")).contains("entPhySensorType=\"8\"",
            "entPhySensorUnitsDisplay=\"C\"");

        // ifIndex -> ifName on IF-MIB and on the CPO lane table.
        assertThat(body).contains("ifHCInOctets{ifIndex=\"17\",ifName=\"port17\"}");
        assertThat(body.lines().filter(l -> l.startsWith("cpoLaneRxPower{")).count()).isEqualTo(576);
        assertThat(line(body.lines().toList(), "cpoLaneRxPower{cpoLaneIndex=\"3\",ifIndex=\"17\",ifName=\"port17\"}"))
            .isNotEmpty();
        assertThat(body).contains("ifOperStatus{ifIndex=\"17\",ifName=\"port17\",ifOperStatus=\"up\"} 1");
        // Thresholds carry the sensor's scaling too, so the same rules convert them.
        assertThat(line(body.lines().toList(), "cpoThresholdValue{cpoThresholdIndex=\"4\"") )
            .contains("entPhySensorPrecision=\"", "entPhysicalName=\"");
      } finally {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String line(List<String> lines, String containing) {
    return lines.stream().filter(l -> l.contains(containing)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample with " + containing));
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  private static String run(Path cwd, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ":\n" + out).isZero();
    return out;
  }
}
