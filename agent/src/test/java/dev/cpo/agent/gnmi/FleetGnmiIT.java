package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.cli.Fleet;
import dev.cpo.agent.cli.Product;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet's one gNMI server, seen by the independent Python grpcio client ({@link PyGnmi}): each switch
 * is the target named by its id in the request prefix (gNMI 2.2.2.1), an empty target is the first
 * switch, and an unknown one is NOT_FOUND naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetGnmiIT {

  private static final String BIAS = "/components/component[name=port17/transceiver]/transceiver/physical-channels"
      + "/channel[index=2]/state/laser-bias-current/instant";

  private Fleet fleet;
  private PyGnmi gnmi;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fleet = Fleet.of(null, List.of("snmp.port=0", "control.port=0", "traps.port=9", "mqtt.embedded.port=0",
        "gnmi.port=0", "state.dir=" + dir.resolve("state")), 3, null, 11L);
    fleet.start();
    gnmi = PyGnmi.forTarget("127.0.0.1:" + fleet.first().gnmi().port());
  }

  @AfterAll
  void stop() {
    if (fleet != null) {
      fleet.stop();
    }
  }

  private static List<JsonNode> of(List<JsonNode> lines, String type) {
    return lines.stream().filter(l -> l.path("type").asText().equals(type)).collect(Collectors.toList());
  }

  private static double bias(Product p) {
    // port17 lane 3 is lit by els3/laser5 (DOMAIN.md mapping), whatever the seed.
    return p.agent().latest().hal().value(p.agent().inventory().sensor("els3/laser5", SensorKind.BIAS_CURRENT)
        .orElseThrow().index());
  }

  @Test
  void eachSwitchIsTheTargetNamedByItsIdAndAnEmptyTargetIsTheFirst() throws Exception {
    for (String id : List.of("sw1", "sw2", "sw3")) {
      JsonNode u = of(gnmi.call("get", BIAS, "--prefix-target", id), "update").get(0);
      assertThat(u.path("target").asText()).as("the target is reflected in the prefix (gNMI 2.2.2.1)").isEqualTo(id);
      assertThat(u.path("value").asDouble()).as(id)
          .isCloseTo(bias(fleet.members().get(id)), org.assertj.core.data.Offset.offset(5.0));
    }
    // Seeds differ by switch, so the three are three devices, not one read three times.
    assertThat(bias(fleet.members().get("sw2"))).isNotEqualTo(bias(fleet.members().get("sw3")));
    JsonNode plain = of(gnmi.call("get", BIAS), "update").get(0);
    assertThat(plain.path("target").asText()).isEmpty();
    assertThat(plain.path("value").asDouble()).isCloseTo(bias(fleet.first()), org.assertj.core.data.Offset.offset(5.0));
  }

  @Test
  void anUnknownTargetIsNotFoundNamingItInGetSubscribeAndSet() throws Exception {
    JsonNode get = gnmi.call("get", BIAS, "--prefix-target", "sw9").get(0);
    JsonNode sub = gnmi.call("subscribe", "--mode", "ONCE", "--sub", BIAS, "--prefix-target", "sw9").get(0);
    JsonNode set = gnmi.as("ops", "ops-gnmi-pass").call("set",
        "cpo:/thresholds/threshold[sensor=els3/laser5:bias]/config/high-warning=400", "--prefix-target", "sw9").get(0);

    for (JsonNode e : List.of(get, sub, set)) {
      assertThat(e.path("type").asText()).isEqualTo("error");
      assertThat(e.path("code").asText()).isEqualTo("NOT_FOUND");
      assertThat(e.path("details").asText()).contains("'sw9'").contains("sw1, sw2, sw3");
    }
  }

  @Test
  void aSetOnSw2ChangesSw2sThresholdOnly() throws Exception {
    String sensor = "els3/laser7:bias";
    double sw1Before = fleet.first().agent().thresholds().effective(sensor).highWarning();
    double wanted = fleet.members().get("sw2").agent().thresholds().effective(sensor).highWarning() - 2.5;

    JsonNode set = gnmi.as("ops", "ops-gnmi-pass").call("set",
        "cpo:/thresholds/threshold[sensor=" + sensor + "]/config/high-warning=" + wanted, "--prefix-target", "sw2").get(0);

    assertThat(set.path("type").asText()).as(set.toString()).isEqualTo("set");
    assertThat(fleet.members().get("sw2").agent().thresholds().effective(sensor).highWarning()).isEqualTo(wanted);
    assertThat(fleet.first().agent().thresholds().effective(sensor).highWarning()).isEqualTo(sw1Before);
  }

  @Test
  void capabilitiesAreTheSameModelsAsASingleSwitchs() throws Exception {
    JsonNode caps = gnmi.call("caps").get(0);
    assertThat(caps.path("version").asText()).isEqualTo(GnmiService.GNMI_VERSION);
    assertThat(caps.path("models")).extracting(m -> m.path("name").asText() + " " + m.path("version").asText())
        .containsExactlyElementsOf(GnmiService.MODELS.stream().map(m -> m.getName() + " " + m.getVersion()).toList());
  }

  @Test
  void anOnChangeSubscriptionToSw3SeesSw3sAlarmAndOneToSw2DoesNot() throws Exception {
    PyGnmi.Running sw3 = gnmi.start("subscribe", "--mode", "STREAM", "--seconds", "60",
        "--sub", "/system/alarms;ON_CHANGE", "--prefix-target", "sw3");
    PyGnmi.Running sw2 = gnmi.start("subscribe", "--mode", "STREAM", "--seconds", "60",
        "--sub", "/system/alarms;ON_CHANGE", "--prefix-target", "sw2");
    ActiveFault fault = null;
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> !of(sw3.lines(), "sync").isEmpty()
          && !of(sw2.lines(), "sync").isEmpty());
      fault = fleet.members().get("sw3").sim().faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
      String alarm = "/system/alarms/alarm[id=laser-failure/els3/laser5]/state/resource";
      await().atMost(Duration.ofSeconds(10)).until(() -> of(sw3.lines(), "update").stream()
          .anyMatch(u -> u.path("path").asText().equals(alarm) && u.path("target").asText().equals("sw3")));
      // Another second for sw2's stream to show anything it would (it must not).
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() > until);
      assertThat(of(sw2.lines(), "update")).noneMatch(u -> u.path("path").asText().contains("laser-failure"));
    } finally {
      if (fault != null) {
        fleet.members().get("sw3").sim().faults().clear(fault.id());
      }
      sw3.kill();
      sw2.kill();
    }
  }
}
