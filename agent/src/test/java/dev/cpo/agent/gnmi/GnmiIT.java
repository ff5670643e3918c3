package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gNMI target of the whole product, checked with a client that is not ours: Python grpcio with
 * stubs generated from our gnmi.proto ({@link PyGnmi}). One product on free ports for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GnmiIT {

  private static final String CHANNELS = "/components/component[name=*]/transceiver/physical-channels/channel[index=*]";

  private Product product;
  private PyGnmi gnmi;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "control.port=0", "traps.port=9",
        "mqtt.embedded.port=0", "gnmi.port=0", "state.dir=" + dir.resolve("state"))));
    product.start();
    gnmi = PyGnmi.forTarget("127.0.0.1:" + product.gnmi().port());
  }

  @AfterAll
  void stop() {
    if (product != null) {
      product.stop();
    }
  }

  private static List<JsonNode> of(List<JsonNode> lines, String type) {
    return lines.stream().filter(l -> l.path("type").asText().equals(type)).collect(Collectors.toList());
  }

  @Test
  void capabilitiesNameTheOpenConfigModelsWithVersionsAndBothJsonEncodings() throws Exception {
    JsonNode caps = gnmi.call("caps").get(0);
    // gNMI 3.2.2: supported_models, supported_encodings, gNMI_version.
    assertThat(caps.path("version").asText()).isEqualTo("0.10.0");
    Map<String, String> models = new HashMap<>();
    caps.path("models").forEach(m -> models.put(m.path("name").asText(), m.path("version").asText()));
    assertThat(models).containsOnlyKeys("openconfig-platform", "openconfig-platform-transceiver",
        "openconfig-platform-port", "openconfig-interfaces", "openconfig-if-ethernet", "openconfig-alarms");
    assertThat(models.values()).allMatch(v -> v.matches("\\d+\\.\\d+\\.\\d+"));
    assertThat(caps.path("models").get(0).path("organization").asText()).isEqualTo("OpenConfig working group");
    assertThat(caps.path("encodings")).extracting(JsonNode::asText).containsExactly("JSON_IETF", "JSON");
  }

  @Test
  void aGetOfEveryLasersBiasGivesEachLaserOnEveryLaneItLights() throws Exception {
    List<JsonNode> updates = of(gnmi.call("get", CHANNELS + "/state/laser-bias-current/instant"), "update");
    Inventory inv = product.agent().inventory();
    assertThat(updates).hasSize(inv.portCount() * inv.lanesPerPort());
    Map<String, Double> byPath = new HashMap<>();
    for (JsonNode u : updates) {
      assertThat(u.path("kind").asText()).isEqualTo("double_val");
      byPath.put(u.path("path").asText(), u.path("value").asDouble());
    }
    for (LaserMapping m : inv.laserMappings()) {
      int bias = inv.sensor(m.laser(), SensorKind.BIAS_CURRENT).orElseThrow().index();
      double agentBias = product.agent().latest().hal().value(bias);
      Set<Double> seen = new TreeSet<>();
      for (LaneRef lane : m.lanes()) {
        String path = "/components/component[name=" + lane.portName() + "/transceiver]/transceiver/physical-channels"
            + "/channel[index=" + (lane.lane() - 1) + "]/state/laser-bias-current/instant";
        assertThat(byPath).as(path).containsKey(path);
        seen.add(byPath.get(path));
      }
      // One Get reads one snapshot: the laser's lanes agree, and with the agent (within a poll's noise).
      assertThat(seen).as(m.laser()).hasSize(1);
      assertThat(seen.iterator().next()).as(m.laser()).isCloseTo(agentBias, org.assertj.core.data.Offset.offset(5.0));
    }
  }

  @Test
  void wildcardsAndPrefixesSelectAndAnUnknownPathIsNotFoundNamingIt() throws Exception {
    List<JsonNode> types = of(gnmi.call("get", "/components/component[name=*]/state/type"), "update");
    Map<String, String> typeOf = new HashMap<>();
    types.forEach(t -> typeOf.put(t.path("path").asText().replaceAll(".*\\[name=(.*)\\]/state/type", "$1"),
        t.path("value").asText()));
    assertThat(typeOf).containsEntry("chassis", "openconfig-platform-types:CHASSIS")
        .containsEntry("asic1", "openconfig-platform-types:INTEGRATED_CIRCUIT")
        .containsEntry("oe1", "openconfig-platform-types:INTEGRATED_CIRCUIT")
        .containsEntry("els3", "openconfig-platform-types:FRU")
        .containsEntry("els3/laser5", "openconfig-platform-types:INTEGRATED_CIRCUIT")
        .containsEntry("port17", "openconfig-platform-types:PORT")
        .containsEntry("port17/transceiver", "openconfig-platform-types:TRANSCEIVER")
        .containsEntry("fan1", "openconfig-platform-types:FAN");
    // The JSON encoding gives identities without their module.
    JsonNode plain = of(gnmi.call("get", "/components/component[name=fan1]/state/type", "--encoding", "JSON"),
        "update").get(0);
    assertThat(plain.path("value").asText()).isEqualTo("FAN");
    // "..." reaches any depth.
    List<JsonNode> temps = of(gnmi.call("get", "/components/.../temperature/instant"), "update");
    assertThat(temps).extracting(t -> t.path("path").asText())
        .contains("/components/component[name=oe1]/state/temperature/instant");
    JsonNode missing = gnmi.call("get", "/components/component[name=oe999]/state").get(0);
    assertThat(missing.path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(missing.path("details").asText()).contains("/components/component[name=oe999]/state");
    JsonNode badEncoding = gnmi.call("get", "/components", "--encoding", "PROTO").get(0);
    assertThat(badEncoding.path("code").asText()).isEqualTo("UNIMPLEMENTED");
  }

  @Test
  void aOneSecondSampleOfEveryLanePowerComesEverySecondAndSuppressRedundantDropsUnchangedValues() throws Exception {
    List<JsonNode> lines = gnmi.call("subscribe", "--mode", "STREAM", "--seconds", "6.5",
        "--sub", CHANNELS + "/state/output-power/instant;SAMPLE;1000;true",
        "--sub", CHANNELS + "/state/input-power/instant;SAMPLE;1000;true",
        // Never changes: with suppress_redundant it is sent once; without, every sample; with a 2 s
        // heartbeat, every 2 s.
        "--sub", CHANNELS + "/state/index;SAMPLE;1000;true",
        "--sub", "/components/component[name=port1/transceiver]/transceiver/physical-channels/channel[index=0]/state/description;SAMPLE;1000;false",
        "--sub", "/components/component[name=port2/transceiver]/transceiver/physical-channels/channel[index=0]/state/description;SAMPLE;1000;true;2000");
    int lanes = product.agent().inventory().portCount() * product.agent().inventory().lanesPerPort();
    int sync = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).path("type").asText().equals("sync")) {
        sync = i;
        break;
      }
    }
    // gNMI 3.5.2.3: sync_response once every subscribed value was sent once.
    assertThat(sync).isEqualTo(3 * lanes + 2);
    List<JsonNode> after = of(lines.subList(sync + 1, lines.size()), "update");
    assertThat(after).noneMatch(u -> u.path("path").asText().endsWith("/state/index"));
    List<Double> plain = recvTimes(after, "port1/transceiver]/transceiver/physical-channels/channel[index=0]/state/description");
    List<Double> beat = recvTimes(after, "port2/transceiver]/transceiver/physical-channels/channel[index=0]/state/description");
    // Received times carry the client's own jitter (it prints about a thousand updates a second, on
    // a shared machine).
    assertThat(plain).hasSizeBetween(5, 7);
    assertIntervals("sample interval", plain, 1.0);
    assertThat(beat).hasSizeBetween(2, 4);
    assertIntervals("heartbeat interval", beat, 2.0);
    // Power values: every one sent differs from the one sent before it on the same path.
    Map<String, JsonNode> last = new HashMap<>();
    int powers = 0;
    for (JsonNode u : after) {
      String path = u.path("path").asText();
      if (path.contains("-power/instant")) {
        powers++;
        JsonNode prev = last.put(path, u.path("value"));
        assertThat(u.path("value")).as(path).isNotEqualTo(prev);
      }
    }
    assertThat(powers).as("power samples after the initial updates").isGreaterThan(lanes);
  }

  private static void assertIntervals(String what, List<Double> times, double seconds) {
    // Each gap: no double send within a tick, no tick skipped twice. The mean: the interval itself.
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1)).as(what).isBetween(seconds * 0.25, seconds * 1.75);
    }
    double mean = (times.get(times.size() - 1) - times.get(0)) / (times.size() - 1);
    assertThat(mean).as("mean " + what).isBetween(seconds * 0.85, seconds * 1.15);
  }

  private static List<Double> recvTimes(List<JsonNode> updates, String pathSuffix) {
    List<Double> out = new ArrayList<>();
    for (JsonNode u : updates) {
      if (u.path("path").asText().endsWith(pathSuffix)) {
        out.add(u.path("recv").asDouble());
      }
    }
    return out;
  }

  @Test
  void aLaserFailureStreamsItsAlarmAndTheSlowerPortsOnChangeThenTheClears() throws Exception {
    PyGnmi.Running sub = gnmi.start("subscribe", "--mode", "STREAM", "--seconds", "60",
        "--sub", "/system/alarms;ON_CHANGE",
        "--sub", "/interfaces/interface[name=*]/state/oper-status;ON_CHANGE",
        "--sub", "/interfaces/interface[name=*]/ethernet/state/negotiated-port-speed;ON_CHANGE");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> !of(sub.lines(), "sync").isEmpty());
      int syncAt = sub.lines().size();
      ActiveFault fault = product.sim().faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
      String alarm = "/system/alarms/alarm[id=laser-failure/els3/laser5]/state/";
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        List<JsonNode> all = sub.lines();
        List<JsonNode> u = of(all.subList(syncAt, all.size()), "update");
        return has(u, alarm + "severity", "openconfig-alarm-types:MAJOR")
            && has(u, alarm + "resource", "els3/laser5")
            && portsAt(u, "SPEED_600GB").containsAll(Set.of("port17", "port18", "port19", "port20"));
      });
      List<JsonNode> now = sub.lines();
      List<JsonNode> raised = of(now.subList(syncAt, now.size()), "update");
      assertThat(portsAt(raised, "SPEED_600GB")).containsExactlyInAnyOrder("port17", "port18", "port19", "port20");
      // A degraded port still carries traffic: oper-status stays UP, as IF-MIB's ifOperStatus does.
      assertThat(raised).noneMatch(u -> u.path("path").asText().endsWith("/state/oper-status"));
      int raisedAt = now.size();
      product.sim().faults().clear(fault.id());
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        List<JsonNode> all = sub.lines();
        List<JsonNode> l = all.subList(raisedAt, all.size());
        return of(l, "delete").stream().anyMatch(d -> d.path("path").asText()
            .equals("/system/alarms/alarm[id=laser-failure/els3/laser5]"))
            && portsAt(of(l, "update"), "SPEED_800GB").containsAll(Set.of("port17", "port18", "port19", "port20"));
      });
    } finally {
      sub.kill();
    }
  }

  private static boolean has(List<JsonNode> updates, String path, String value) {
    return updates.stream().anyMatch(u -> u.path("path").asText().equals(path) && u.path("value").asText().equals(value));
  }

  private static Set<String> portsAt(List<JsonNode> updates, String speed) {
    Set<String> ports = new TreeSet<>();
    for (JsonNode u : updates) {
      String p = u.path("path").asText();
      if (p.endsWith("/ethernet/state/negotiated-port-speed") && u.path("value").asText().endsWith(":" + speed)) {
        ports.add(p.replaceAll(".*\\[name=(port\\d+)\\].*", "$1"));
      }
    }
    return ports;
  }

  @Test
  void onceAndPollSendTheValuesThenSyncResponse() throws Exception {
    String counters = "/interfaces/interface[name=port1]/state/counters";
    List<JsonNode> once = gnmi.call("subscribe", "--mode", "ONCE", "--seconds", "20", "--sub", counters);
    assertThat(once.get(once.size() - 1).path("type").asText()).isEqualTo("end");
    assertThat(once.get(once.size() - 1).has("cancelled")).as("the target ended the ONCE stream").isFalse();
    assertThat(once.get(once.size() - 2).path("type").asText()).isEqualTo("sync");
    assertThat(of(once, "update")).hasSize(12);
    List<JsonNode> onlySync = gnmi.call("subscribe", "--mode", "ONCE", "--updates-only", "--sub", counters);
    assertThat(onlySync).extracting(l -> l.path("type").asText()).containsExactly("sync", "end");

    List<JsonNode> poll = gnmi.call("subscribe", "--mode", "POLL", "--polls", "2", "--seconds", "5", "--sub",
        counters + "/in-octets");
    List<String> kinds = poll.stream().map(l -> l.path("type").asText()).collect(Collectors.toList());
    assertThat(kinds.subList(0, 6)).containsExactly("update", "sync", "update", "sync", "update", "sync");
    List<Long> octets = of(poll, "update").stream().map(u -> u.path("value").asLong()).collect(Collectors.toList());
    assertThat(octets).isSorted();
  }

  @Test
  void setChangesAThresholdLevelForTheReadWriteUserOnlyAndKeepsIt() throws Exception {
    String sensor = "els3/laser7:bias";
    String path = "cpo:/thresholds/threshold[sensor=" + sensor + "]/config/high-warning";
    double before = product.agent().thresholds().effective(sensor).highWarning();
    double wanted = before - 1.5;

    JsonNode refused = gnmi.as("noc", "noc-gnmi-pass").call("set", path + "=" + wanted).get(0);
    assertThat(refused.path("code").asText()).isEqualTo("PERMISSION_DENIED");
    JsonNode anonymous = gnmi.call("set", path + "=" + wanted).get(0);
    assertThat(anonymous.path("code").asText()).isEqualTo("PERMISSION_DENIED");
    assertThat(product.gnmi().stats().permissionDenied()).isGreaterThanOrEqualTo(2);
    assertThat(product.agent().thresholds().effective(sensor).highWarning()).isEqualTo(before);

    PyGnmi ops = gnmi.as("ops", "ops-gnmi-pass");
    JsonNode ok = ops.call("set", path + "=" + wanted).get(0);
    assertThat(ok.path("type").asText()).as(ok.toString()).isEqualTo("set");
    assertThat(ok.path("results").get(0).path("op").asText()).isEqualTo("UPDATE");
    assertThat(product.agent().thresholds().effective(sensor).highWarning()).isEqualTo(wanted);
    Path saved = Product.stateDir(product.config()).resolve("thresholds.yaml");
    assertThat(Files.readString(saved)).contains("els3/laser7:bias");
    JsonNode read = of(gnmi.call("get", "cpo:/thresholds/threshold[sensor=" + sensor + "]/state/high-warning"),
        "update").get(0);
    assertThat(read.path("value").asDouble()).isEqualTo(wanted);

    // Out of order (above high-alarm): refused naming the path, nothing changes.
    double highAlarm = product.agent().thresholds().effective(sensor).highAlarm();
    JsonNode bad = ops.call("set", path + "=" + (highAlarm + 10)).get(0);
    assertThat(bad.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(bad.path("details").asText()).contains("/thresholds/threshold[sensor=els3/laser7:bias]/config/high-warning");
    assertThat(product.agent().thresholds().effective(sensor).highWarning()).isEqualTo(wanted);
    JsonNode state = ops.call("set", "/components/component[name=oe1]/state/temperature/instant=1").get(0);
    assertThat(state.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(state.path("details").asText()).contains("/components/component[name=oe1]/state/temperature/instant")
        .contains("read-only");
  }

  @Test
  void aSetThatCannotBeStoredIsAbortedNamingThePathsAndChangesNothing() throws Exception {
    String a = "els4/laser1:bias";
    String b = "els4/laser2:bias";
    double beforeA = product.agent().thresholds().effective(a).highWarning();
    double beforeB = product.agent().thresholds().effective(b).highWarning();
    String pathA = "cpo:/thresholds/threshold[sensor=" + a + "]/config/high-warning";
    String pathB = "cpo:/thresholds/threshold[sensor=" + b + "]/config/high-warning";
    // Root writes through any mode bits, so block the save with a directory where its temporary file goes.
    Path blocker = Files.createDirectories(Product.stateDir(product.config()).resolve("thresholds.yaml.tmp"));
    PyGnmi ops = gnmi.as("ops", "ops-gnmi-pass");
    try {
      JsonNode refused = ops.call("set", pathA + "=" + (beforeA - 2), pathB + "=" + (beforeB - 3)).get(0);

      assertThat(refused.path("code").asText()).as(refused.toString()).isEqualTo("ABORTED");
      assertThat(refused.path("details").asText())
          .contains("/thresholds/threshold[sensor=els4/laser1:bias]/config/high-warning",
              "/thresholds/threshold[sensor=els4/laser2:bias]/config/high-warning", "could not be stored",
              "nothing changed")
          .doesNotContain(blocker.toString());
      assertThat(product.agent().thresholds().effective(a).highWarning()).isEqualTo(beforeA);
      assertThat(product.agent().thresholds().effective(b).highWarning()).isEqualTo(beforeB);
      JsonNode read = of(gnmi.call("get", "cpo:/thresholds/threshold[sensor=" + a + "]/state/high-warning"),
          "update").get(0);
      assertThat(read.path("value").asDouble()).isEqualTo(beforeA);
    } finally {
      Files.delete(blocker);
    }
    JsonNode ok = ops.call("set", pathA + "=" + (beforeA - 2), pathB + "=" + (beforeB - 3)).get(0);
    assertThat(ok.path("type").asText()).as(ok.toString()).isEqualTo("set");
    assertThat(product.agent().thresholds().effective(b).highWarning()).isEqualTo(beforeB - 3);
  }

  @Test
  void aWrongPasswordIsUnauthenticatedAndCounted() throws Exception {
    long before = product.gnmi().stats().unauthenticated();
    JsonNode r = gnmi.as("noc", "not-the-password").call("caps").get(0);
    assertThat(r.path("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(product.gnmi().stats().unauthenticated()).isEqualTo(before + 1);
  }
}
