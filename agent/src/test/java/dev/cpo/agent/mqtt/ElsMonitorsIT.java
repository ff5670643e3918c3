package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.mqtt.MosquittoSub.Line;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ELS monitors (issue 10 item 7) as real clients read them: the module's supply current and each laser's
 * frequency over net-snmp (CPO-SWITCH-MIB and ENTITY-SENSOR-MIB), the per-laser flag counters counting a
 * fault's set and clear in cpoLaserFlagTable (snmpget, snmpbulkwalk), in the laser's MQTT telemetry as
 * mosquitto_sub receives it (valid against its schema), and in the control API.
 */
class ElsMonitorsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** CpoLaserFlagType fault(9). */
  private static final int FAULT = 9;

  @TempDir Path dir;

  private Product product;
  private MosquittoSub sub;

  @AfterEach
  void stop() throws Exception {
    if (sub != null) {
      sub.close();
    }
    if (product != null) {
      product.stop();
    }
  }

  private List<String> snmp(String tool, String... args) throws Exception {
    return NetSnmpTools.run(tool, NetSnmpTools.V2C, product.snmp().port(), args).lines();
  }

  private String get(String oid) throws Exception {
    List<String> out = snmp("snmpget", "-OqvU", oid);
    return out.isEmpty() ? "" : out.get(0);
  }

  @Test
  void supplyCurrentFrequencyAndFlagCountersOverNetSnmpMosquittoSubAndTheApi() throws Exception {
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "control.port=0", "mqtt.embedded.port=0",
        "traps.port=9", "state.dir=" + dir.resolve("state"), "mqtt.telemetry.intervalsMs.laser=1000",
        "mqtt.telemetry.intervalsMs.els=1000")));
    product.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> product.mqtt().connected() && product.mqtt().waiting() == 0);
    Inventory inv = product.agent().inventory();
    int els3 = inv.require("els3").index() + 1;
    int laser = inv.require("els3/laser5").index() + 1;
    Topics topics = product.mqtt().topics();

    // Supply current: CPO-SWITCH-MIB in microamperes, ENTITY-SENSOR-MIB as amperes with 4 digits.
    long microamps = Long.parseLong(get("CPO-SWITCH-MIB::cpoLaserModuleSupplyCurrent." + els3));
    assertThat(microamps).isBetween(3_500_000L, 5_500_000L);
    int currentRow = inv.entities().size() + inv.sensor("els3", SensorKind.SUPPLY_CURRENT).orElseThrow().index() + 1;
    assertThat(get("ENTITY-SENSOR-MIB::entPhySensorType." + currentRow)).isEqualTo("amperes");
    assertThat(get("ENTITY-SENSOR-MIB::entPhySensorPrecision." + currentRow)).isEqualTo("4");
    assertThat(Long.parseLong(get("ENTITY-SENSOR-MIB::entPhySensorValue." + currentRow)) * 100)
        .isCloseTo(microamps, org.assertj.core.data.Offset.offset(100_000L));
    // Frequency: the 1311 nm of the default profile's dr grid, in MHz; ENTITY-SENSOR hertz, giga.
    assertThat(get("CPO-SWITCH-MIB::cpoLaserFrequency." + laser)).isEqualTo("228675000");
    int freqRow = inv.entities().size() + inv.sensor("els3/laser5", SensorKind.FREQUENCY).orElseThrow().index() + 1;
    assertThat(get("ENTITY-SENSOR-MIB::entPhySensorType." + freqRow)).isEqualTo("hertz");
    assertThat(get("ENTITY-SENSOR-MIB::entPhySensorScale." + freqRow)).isEqualTo("giga");

    // Every flag of the laser, none ever changed.
    List<String> before = snmp("snmpbulkwalk", "-Oqs", "CPO-SWITCH-MIB::cpoLaserFlagChangeCount." + laser);
    assertThat(before).hasSize(10).allMatch(l -> l.endsWith(" 0"));
    assertThat(get("CPO-SWITCH-MIB::cpoLaserFlagName." + laser + "." + FAULT)).isEqualTo("fault");
    assertThat(get("CPO-SWITCH-MIB::cpoLaserFlagLastSet." + laser + "." + FAULT)).contains("No Such Instance");

    sub = MosquittoSub.start(dir, product.broker().port(), topics.base() + "telemetry/#", "-q", "0");
    ActiveFault fault = product.sim().faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
    await().atMost(Duration.ofSeconds(10)).until(() ->
        get("CPO-SWITCH-MIB::cpoLaserFlagChangeCount." + laser + "." + FAULT).equals("1"));
    assertThat(get("CPO-SWITCH-MIB::cpoLaserFlagActive." + laser + "." + FAULT)).isEqualTo("true");
    assertThat(get("CPO-SWITCH-MIB::cpoLaserFlagLastSet." + laser + "." + FAULT)).matches("\\d{4}-\\d+-\\d+,.*");
    product.sim().faults().clear(fault.id());
    await().atMost(Duration.ofSeconds(10)).until(() ->
        get("CPO-SWITCH-MIB::cpoLaserFlagChangeCount." + laser + "." + FAULT).equals("2"));
    assertThat(get("CPO-SWITCH-MIB::cpoLaserFlagActive." + laser + "." + FAULT)).isEqualTo("false");
    assertThat(get("CPO-SWITCH-MIB::cpoLaserFlagLastClear." + laser + "." + FAULT)).matches("\\d{4}-\\d+-\\d+,.*");
    List<String> walk = snmp("snmpbulkwalk", "-Oqs", "CPO-SWITCH-MIB::cpoLaserFlagChangeCount." + laser);
    assertThat(walk).contains("cpoLaserFlagChangeCount." + laser + ".fault 2",
        "cpoLaserFlagChangeCount." + laser + ".powerLowAlarm 2");

    // MQTT: the laser's telemetry carries the counts and times; every message fits its schema.
    String laserTopic = topics.base() + "telemetry/laser/els3/laser5";
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sub.lines()).anyMatch(l ->
        l.topic().equals(laserTopic) && l.payload().contains("\"fault_changes\":2")));
    Line last = sub.lines().stream().filter(l -> l.topic().equals(laserTopic)
        && l.payload().contains("\"fault_changes\":2")).findFirst().orElseThrow();
    JsonNode t = JSON.readTree(last.payload());
    assertThat(t.path("fault_last_set_ms").asLong()).isPositive();
    assertThat(t.path("fault_last_clear_ms").asLong()).isGreaterThan(t.path("fault_last_set_ms").asLong());
    assertThat(t.path("power_low_alarm_changes").asLong()).isEqualTo(2);
    assertThat(t.path("flags").isArray()).isTrue();
    assertThat(Schemas.errors(MessageClass.TELEMETRY, last.payload().getBytes(StandardCharsets.UTF_8))).isEmpty();
    String elsTopic = topics.base() + "telemetry/els/els3";
    Line els = sub.lines().stream().filter(l -> l.topic().equals(elsTopic)).findFirst().orElseThrow();
    assertThat(JSON.readTree(els.payload()).path("current_a").asDouble()).isBetween(3.5, 5.5);
    assertThat(Schemas.errors(MessageClass.TELEMETRY, els.payload().getBytes(StandardCharsets.UTF_8))).isEmpty();
    Line anyLaser = sub.lines().stream().filter(l -> l.topic().startsWith(topics.base() + "telemetry/laser/"))
        .findFirst().orElseThrow();
    assertThat(JSON.readTree(anyLaser.payload()).path("frequency_ghz").asDouble()).isEqualTo(228_675.0);

    // The control API's telemetry view of the laser.
    HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + product.control().port() + "/api/v1/telemetry?entity=els3/laser5")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode flag = JSON.readTree(api.body()).path("entities").get(0).path("flags").path("fault");
    assertThat(flag.path("changes").asLong()).isEqualTo(2);
    assertThat(flag.path("active").asBoolean()).isFalse();
    assertThat(flag.path("lastClearMillis").asLong()).isGreaterThan(flag.path("lastSetMillis").asLong());
  }
}
