package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.mqtt.MosquittoSub.Line;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.testing.Snmptrapd;
import dev.cpo.hal.fault.FaultRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laser module swapped for a new one is a new unit: its serial number and firmware revision reach
 * ENTITY-MIB (entPhysicalSerialNum, entPhysicalFirmwareRev, entLastChangeTime, entConfigChange) as net-snmp
 * reads them, MQTT (the module's retained state, the retained meta and the entity-added event) as
 * mosquitto_sub sees them, and the control API's inventory.
 */
class HotSwapIdentityIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Product product;
  private Snmptrapd trapd;
  private MosquittoSub sub;

  @AfterEach
  void stop() throws Exception {
    if (sub != null) {
      sub.close();
    }
    if (product != null) {
      product.stop();
    }
    if (trapd != null) {
      trapd.close();
    }
  }

  private List<String> snmp(String tool, String... args) throws Exception {
    return NetSnmpTools.run(tool, NetSnmpTools.V2C, product.snmp().port(), args).lines();
  }

  @Test
  void anInsertedLaserModuleShowsItsNewSerialAndFirmwareOverSnmpMqttAndTheApi() throws Exception {
    trapd = new Snmptrapd(dir);
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "gnmi.port=0", "control.port=0", "mqtt.embedded.port=0",
        "traps.port=" + trapd.port(), "state.dir=" + dir.resolve("state"))));
    product.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> product.mqtt().connected() && product.mqtt().waiting() == 0);
    Topics topics = product.mqtt().topics();
    int els3 = product.agent().inventory().require("els3").index() + 1;
    String oldSerial = product.agent().inventory().require("els3").serialNumber();
    assertThat(snmp("snmpget", "-Oqv", "ENTITY-MIB::entPhysicalSerialNum." + els3)).containsExactly(oldSerial);
    assertThat(snmp("snmpget", "-Oqv", "ENTITY-MIB::entPhysicalFirmwareRev." + els3)).containsExactly("1.2.0");
    List<String> lastChangeBefore = snmp("snmpget", "-Oqvt", "ENTITY-MIB::entLastChangeTime.0");

    sub = MosquittoSub.start(dir, product.broker().port(), topics.base() + "#", "-q", "1");
    // The retained meta lists the module's unit from the start.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sub.lines()).anyMatch(l ->
        l.topic().equals(topics.meta()) && l.payload().contains("\"els3_serial\":\"" + oldSerial + "\"")
            && l.payload().contains("\"inventory_changes\":0")));
    product.sim().faults().inject(FaultRequest.of("els-removal", "els3"));
    await().atMost(Duration.ofSeconds(5)).until(() ->
        snmp("snmpget", "-Oqv", "ENTITY-MIB::entPhysicalSerialNum." + els3).get(0).contains("No Such Instance"));
    // Pulled: the meta is republished without it, and its absent state names no unit.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sub.lines()).anyMatch(l ->
        l.topic().equals(topics.meta()) && l.payload().contains("\"inventory_changes\":1")
            && !l.payload().contains("\"els3_serial\"") && l.payload().contains("\"els4_serial\"")));
    Line absent = sub.lines().stream().filter(l -> l.topic().equals(topics.base() + "state/els/els3")
        && l.payload().contains("\"state\":\"absent\"")).findFirst().orElseThrow();
    assertThat(absent.payload()).doesNotContain("\"serial\"").doesNotContain(oldSerial);
    product.sim().faults().inject(FaultRequest.of("els-insertion", "els3"));

    await().atMost(Duration.ofSeconds(5)).until(() -> {
      List<String> serial = snmp("snmpget", "-Oqv", "ENTITY-MIB::entPhysicalSerialNum." + els3);
      return serial.size() == 1 && serial.get(0).startsWith("EL26") && !serial.get(0).equals(oldSerial);
    });
    String newSerial = snmp("snmpget", "-Oqv", "ENTITY-MIB::entPhysicalSerialNum." + els3).get(0);
    assertThat(snmp("snmpget", "-Oqv", "ENTITY-MIB::entPhysicalFirmwareRev." + els3)).containsExactly("1.3.1");
    assertThat(snmp("snmpget", "-Oqv", "CPO-SWITCH-MIB::cpoLaserModuleSerialNum." + els3)).containsExactly(newSerial);
    assertThat(snmp("snmpget", "-Oqvt", "ENTITY-MIB::entLastChangeTime.0")).isNotEqualTo(lastChangeBefore);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(trapd.output()).contains("entConfigChange"));

    String stateTopic = topics.base() + "state/els/els3";
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sub.lines()).anyMatch(l ->
        l.topic().equals(stateTopic) && l.payload().contains("\"serial\":\"" + newSerial + "\"")
            && l.payload().contains("\"firmware_rev\":\"1.3.1\"")));
    Line added = sub.lines().stream().filter(l -> l.topic().equals(topics.events())
        && l.payload().contains("\"entity-added\"")).findFirst().orElseThrow();
    assertThat(added.payload()).contains("\"serial\":\"" + newSerial + "\"").contains("\"entity\":\"els3\"");

    // The retained meta says so too, to a consumer that subscribes only now: the new unit, two changes.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sub.lines()).anyMatch(l ->
        l.topic().equals(topics.meta()) && l.payload().contains("\"inventory_changes\":2")));
    try (MosquittoSub late = MosquittoSub.start(dir, product.broker().port(), topics.meta(), "-q", "1")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !late.lines().isEmpty());
      JsonNode meta = JSON.readTree(late.lines().get(0).payload());
      assertThat(meta.path("els3_serial").asText()).isEqualTo(newSerial);
      assertThat(meta.path("els3_firmware_rev").asText()).isEqualTo("1.3.1");
      assertThat(meta.path("inventory_changes").asLong()).isEqualTo(2);
      assertThat(meta.path("inventory_changed_ms").asLong()).isPositive();
      assertThat(meta.path("els4_serial").asText()).isNotEqualTo(newSerial).isNotBlank();
    }

    HttpResponse<String> inv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + product.control().port() + "/api/v1/inventory")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode entity = null;
    for (JsonNode e : JSON.readTree(inv.body()).path("entities")) {
      if (e.path("name").asText().equals("els3")) {
        entity = e;
      }
    }
    assertThat(entity).isNotNull();
    assertThat(entity.path("serial").asText()).isEqualTo(newSerial);
    assertThat(entity.path("firmware").asText()).isEqualTo("1.3.1");
  }
}
