package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.mqtt.MosquittoSub.Line;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new link evidence as operators' own tools read it, from the whole product: net-snmp for
 * CPO-SWITCH-MIB and IF-MIB, {@code mosquitto_sub} for the MQTT topics. A far end's failure and its
 * alarm text, a port's flap counter, and its FEC symbol-error histogram.
 */
class LinkEvidenceIT {

  @TempDir Path dir;

  private Product product;
  private Topics topics;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "gnmi.port=0", "control.port=0", "traps.port=9",
        "mqtt.embedded.port=0", "state.dir=" + dir.resolve("state"), "mqtt.telemetry.intervalsMs.port=1000")));
    product.start();
    MqttPublisher mqtt = product.mqtt();
    await().atMost(Duration.ofSeconds(20)).until(() -> mqtt.connected() && mqtt.waiting() == 0);
    topics = mqtt.topics();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    product.stop();
  }

  private MosquittoSub subscribe(String filter) throws Exception {
    MosquittoSub sub = MosquittoSub.start(dir, product.broker().port(), filter, "-q", "1");
    closeables.add(sub);
    return sub;
  }

  private NetSnmpTools.Result snmp(String tool, String... args) throws Exception {
    return NetSnmpTools.run(tool, NetSnmpTools.V2C, product.snmp().port(), args);
  }

  @Test
  void aFarEndFailuresAlarmTextNamesTheFarEndOrTheFibreOverSnmpAndMqtt() throws Exception {
    MosquittoSub alarms = subscribe(topics.base() + "alarms/active/#");
    product.sim().faults().inject(FaultRequest.of("far-end-tx-failure", "port17/lane3"));
    String topic = topics.activeAlarm("far-end-los/port17/lane3");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(alarms.lines()).anyMatch(l -> l.topic().equals(topic) && !l.payload().isEmpty()));
    Line mqtt = alarms.lines().stream().filter(l -> l.topic().equals(topic)).findFirst().orElseThrow();
    assertThat(mqtt.payload()).contains("No light received on port17/lane3 while its own laser els3/laser5 is healthy:"
        + " the far end's transmitter or the fibre").contains("\"replace\":\"\"").contains("\"field_replaceable\":false");

    NetSnmpTools.Result walk = snmp("snmpbulkwalk", "-Oqv", "CPO-SWITCH-MIB::cpoAlarmText");
    assertThat(walk.lines()).anyMatch(l -> l.contains("No light received on port17/lane3")
        && l.contains("the far end's transmitter or the fibre"));
    NetSnmpTools.Result replace = snmp("snmpbulkwalk", "-Oqv", "CPO-SWITCH-MIB::cpoAlarmCondition");
    assertThat(replace.lines()).anyMatch(l -> l.contains("far-end-los"));
  }

  @Test
  void aPortsFlapCounterAndLastChangeReachIfMibCpoSwitchMibAndMqtt() throws Exception {
    assertThat(snmp("snmpget", "-OqvU", "CPO-SWITCH-MIB::cpoPortLinkDownEvents.3").lines()).containsExactly("0");
    for (int flap = 1; flap <= 2; flap++) {
      ActiveFault cut = product.sim().faults().inject(FaultRequest.of("fiber-cut", "port3"));
      await().atMost(Duration.ofSeconds(5)).until(() ->
          snmp("snmpget", "-Oqv", "IF-MIB::ifOperStatus.3").lines().equals(List.of("down")));
      product.sim().faults().clear(cut.id());
      await().atMost(Duration.ofSeconds(5)).until(() ->
          snmp("snmpget", "-Oqv", "IF-MIB::ifOperStatus.3").lines().equals(List.of("up")));
    }
    assertThat(snmp("snmpget", "-OqvU", "CPO-SWITCH-MIB::cpoPortLinkDownEvents.3").lines()).containsExactly("2");
    assertThat(snmp("snmpget", "-OqvU", "CPO-SWITCH-MIB::cpoPortLinkDownEvents.4").lines()).containsExactly("0");
    // ifLastChange is the sysUpTime of the last change: after start, so above zero; port 4 never changed.
    assertThat(snmp("snmpget", "-Oqvt", "IF-MIB::ifLastChange.3").lines().get(0)).isNotEqualTo("0");
    assertThat(snmp("snmpget", "-Oqvt", "IF-MIB::ifLastChange.4").lines()).containsExactly("0");

    MosquittoSub telemetry = subscribe(topics.base() + "telemetry/port/port3");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(telemetry.lines()).anyMatch(l -> l.payload().contains("\"link_down_events\":2")));
    Map<?, ?> json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(telemetry.lines().get(telemetry.lines().size() - 1).payload(), Map.class);
    assertThat(((Number) json.get("last_change_ms")).longValue()).isPositive();
  }

  @Test
  void aPortsFecHistogramReachesCpoSwitchMibAndMqtt() throws Exception {
    // A dirty lane on port 42 puts codewords in the higher bins.
    product.sim().faults().inject(new FaultRequest("fiber-dirty", "port42/lane3", Map.of("lossDb", 1.5)));
    await().atMost(Duration.ofSeconds(5)).until(() ->
        Long.parseLong(snmp("snmpget", "-OqvU", "CPO-SWITCH-MIB::cpoFecHistogramCodewords.42.3").lines().get(0)) > 0);
    NetSnmpTools.Result walk = snmp("snmpbulkwalk", "-OqsU", "CPO-SWITCH-MIB::cpoFecHistogramCodewords.42");
    assertThat(walk.lines()).hasSize(16);
    assertThat(walk.lines().get(0)).startsWith("cpoFecHistogramCodewords.42.0 ");
    assertThat(walk.lines().get(15)).startsWith("cpoFecHistogramCodewords.42.15 ");
    long bin0 = Long.parseLong(walk.lines().get(0).split(" ")[1]);
    long bin1 = Long.parseLong(walk.lines().get(1).split(" ")[1]);
    assertThat(bin0).isGreaterThan(bin1);
    assertThat(bin1).isPositive();
    assertThat(snmp("snmpget", "-OqvU", "CPO-SWITCH-MIB::cpoPortPostFecBer.42").lines().get(0)).matches("\"?[0-9.]+E-?[0-9]+\"?");

    long snmpCorrected = Long.parseLong(snmp("snmpget", "-OqvU", "CPO-SWITCH-MIB::cpoPortFecCorrected.42").lines().get(0));
    assertThat(snmpCorrected).isPositive();

    MosquittoSub telemetry = subscribe(topics.base() + "telemetry/port/port42");
    await().atMost(Duration.ofSeconds(5)).until(() -> telemetry.lines().size() >= 2);
    String payload = telemetry.lines().get(0).payload();
    for (int b = 0; b < 16; b++) {
      assertThat(payload).contains("\"fec_bin_" + b + "\":");
    }
    assertThat(payload).doesNotContain("\"fec_bin_0\":0,");
    // The port's FEC totals and post-FEC BER, as SONiC's fec-stats shows them (FEC_CORR, FEC_UNCORR,
    // FEC_POST_BER): the totals only grow, over MQTT as over CPO-SWITCH-MIB.
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    Map<?, ?> first = json.readValue(payload, Map.class);
    Map<?, ?> next = json.readValue(telemetry.lines().get(1).payload(), Map.class);
    long corrected = ((Number) first.get("fec_corrected")).longValue();
    assertThat(corrected).isPositive();
    assertThat(((Number) next.get("fec_corrected")).longValue()).isGreaterThan(corrected);
    assertThat(((Number) next.get("fec_uncorrectable")).longValue())
        .isGreaterThanOrEqualTo(((Number) first.get("fec_uncorrectable")).longValue());
    assertThat(((Number) first.get("post_fec_ber_ratio")).doubleValue()).isPositive().isLessThan(1e-3);
    long later = Long.parseLong(snmp("snmpget", "-OqvU", "CPO-SWITCH-MIB::cpoPortFecCorrected.42").lines().get(0));
    assertThat(later).isGreaterThan(snmpCorrected);
  }
}
