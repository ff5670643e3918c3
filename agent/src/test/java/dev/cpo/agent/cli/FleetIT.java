package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.bench.FleetBench;
import dev.cpo.agent.mqtt.MosquittoSub;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.testing.Snmptrapd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet --switches 8} as the command composes it ({@link Fleet}): eight agents in one JVM, seen
 * by real net-snmp tools, snmptrapd and mosquitto_sub as eight devices.
 */
class FleetIT {

  private static final int SWITCHES = 8;

  @TempDir Path dir;
  private Fleet fleet;

  @AfterEach
  void stop() {
    if (fleet != null) {
      fleet.stop();
    }
  }

  private void start(int trapPort, int basePort) throws Exception {
    fleet = Fleet.of(null, List.of("snmp.port=" + basePort, "control.port=0", "gnmi.port=0", "mqtt.embedded.port=0",
        "traps.port=" + trapPort, "state.dir=" + dir.resolve("state")), SWITCHES, null, 7L);
    fleet.start();
  }

  @Test
  void eightSwitchesAnswerSnmpOnEightConsecutivePortsWithEightSysNames() throws Exception {
    int base = FleetBench.consecutiveUdp(SWITCHES);
    start(9, base);

    Set<String> names = new HashSet<>();
    Set<String> engineIds = new HashSet<>();
    for (int k = 1; k <= SWITCHES; k++) {
      NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.V2C, base + k - 1, "-Oqv",
          "SNMPv2-MIB::sysName.0", "SNMP-FRAMEWORK-MIB::snmpEngineID.0");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.lines().get(0)).isEqualTo("sw" + k);
      names.add(r.lines().get(0));
      engineIds.add(r.lines().get(1));
    }
    assertThat(names).hasSize(SWITCHES);
    // RFC 3411: an engine id identifies one engine; eight agents, eight ids.
    assertThat(engineIds).hasSize(SWITCHES);
  }

  @Test
  void aFaultInjectedOnSw3GivesATrapFromSw3AndAnMqttEventOnSw3sTopicOnly() throws Exception {
    int base = FleetBench.consecutiveUdp(SWITCHES);
    try (Snmptrapd trapd = new Snmptrapd(dir)) {
      start(trapd.port(), base);
      int brokerPort = fleet.first().broker().port();
      try (MosquittoSub events = MosquittoSub.start(dir, brokerPort, "cpo/v1/+/events", "-q", "1")) {
        await().atMost(Duration.ofSeconds(20)).until(() -> trapd.output().lines()
            .filter(l -> l.contains("coldStart")).count() == SWITCHES);
        String control = fleet.first().control().url();

        HttpResponse<String> injected = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(control + "/api/v1/switches/sw3/faults"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(injected.statusCode()).as(injected.body()).isEqualTo(201);
        int sw3 = base + 2;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          assertThat(raised(trapd)).isNotEmpty();
          assertThat(events.lines()).anyMatch(l -> l.payload().contains("alarm-raised"));
        });
        // snmptrapd prints each notification's source on the line before its varbinds: sw3's agent, no other.
        assertThat(raised(trapd)).singleElement().asString().contains("els3/laser5");
        assertThat(sourceOfRaised(trapd)).singleElement().asString().contains("127.0.0.1]:" + sw3 + "->");
        assertThat(events.lines()).filteredOn(l -> l.payload().contains("alarm-raised"))
            .allSatisfy(l -> assertThat(l.topic()).isEqualTo("cpo/v1/sw3/events"))
            .allSatisfy(l -> assertThat(l.payload()).contains("\"switch\":\"sw3\""));
        assertThat(fleet.members().get("sw3").agent().latest().activeAlarms()).isNotEmpty();
        for (String other : List.of("sw1", "sw2", "sw4", "sw8")) {
          assertThat(fleet.members().get(other).agent().latest().activeAlarms()).as(other).isEmpty();
        }
      }
    }
  }

  @Test
  void theControlApiListsTheSwitchesAndRefusesAnUnknownOneByName() throws Exception {
    start(9, 0);
    HttpClient http = HttpClient.newHttpClient();
    String control = fleet.first().control().url();

    HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(control + "/api/v1/switches")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
        URI.create(control + "/api/v1/switches/sw99/alarms")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> sw8 = http.send(HttpRequest.newBuilder(
        URI.create(control + "/api/v1/switches/sw8/inventory")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"sw1\"", "\"sw8\"");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("unknown-switch", "sw99");
    assertThat(sw8.statusCode()).isEqualTo(200);
    assertThat(sw8.body()).contains("\"ports\"");
  }

  @Test
  void aScenarioTargetingSw7RunsThroughTheControlApiToAPassAndTouchesNoOtherSwitch() throws Exception {
    start(9, 0);
    Path file = dir.resolve("sw7-laser.yaml");
    java.nio.file.Files.writeString(file, """
        name: laser els3/laser5 of sw7 fails; sw1 and sw3 stay healthy
        steps:
          - {at: 0s, expect: {entity: 'sw7:port17', status: speedMbps, equals: 800000}}
          - {at: 1s, inject: {name: dead, type: laser-failure, target: 'sw7:els3/laser5'}}
          - {at: 4s, expect: {entity: 'sw7:els3/laser5', status: state, equals: failed}}
          - {at: 4s, expect: {entity: 'sw7:els3/laser5', alarm: laser-failure, equals: active}}
          - {at: 4s, expect: {entity: 'sw7:port17', status: speedMbps, equals: 600000}}
          - {at: 4s, expect: {entity: port17, status: speedMbps, equals: 800000}}
          - {at: 4s, expect: {entity: 'sw1:els3/laser5', alarm: laser-failure, equals: cleared}}
          - {at: 4s, expect: {entity: 'sw3:port17', status: state, equals: up}}
          - {at: 5s, clear: dead}
          - {at: 8s, expect: {entity: 'sw7:els3/laser5', alarm: laser-failure, equals: cleared}}
          - {at: 8s, expect: {entity: 'sw7:port17', status: speedMbps, equals: 800000}}
        """);

    CliRun run = CliRun.of("scenario", "run", file.toString(), "--url", fleet.first().control().url());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("step 2 inject dead: laser-failure on sw7:els3/laser5: ok (id ")
        .contains("step 4 expect sw7:els3/laser5 alarm laser-failure equals active: ok (was active)")
        .contains("step 5 expect sw7:port17 speedMbps equals 600000: ok (was 600000)")
        .contains("step 6 expect port17 speedMbps equals 800000: ok (was 800000)")
        .contains("scenario PASSED: all 9 expectations held");
    // The fault went to sw7 only: it raised and cleared the alarm there, and nowhere else.
    assertThat(fleet.members().get("sw7").agent().history()).anyMatch(a -> a.id().equals("laser-failure/els3/laser5"));
    for (String other : List.of("sw1", "sw2", "sw3", "sw8")) {
      assertThat(fleet.members().get(other).agent().history()).as(other)
          .noneMatch(a -> a.condition().equals("laser-failure"));
    }
  }

  @Test
  void aScenarioNamingASwitchTheFleetLacksIsRefusedNamingTheStepBeforeAnythingRuns() throws Exception {
    start(9, 0);
    Path file = dir.resolve("sw9.yaml");
    java.nio.file.Files.writeString(file, """
        name: a switch too far
        steps:
          - {at: 0s, inject: {name: dead, type: laser-failure, target: 'sw2:els3/laser5'}}
          - {at: 2s, expect: {entity: 'sw9:port17', status: state, equals: degraded}}
        """);

    CliRun run = CliRun.of("scenario", "run", file.toString(), "--url", fleet.first().control().url());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: step 2 (at 2s): unknown switch 'sw9' in 'sw9:port17'; this fleet has sw1,"
        + " sw2, sw3, sw4, sw5, sw6, sw7, sw8");
    assertThat(run.out()).doesNotContain("step 1");
    // Nothing was injected: step 1's switch has no fault.
    assertThat(fleet.members().get("sw2").sim().faults().active()).isEmpty();
  }

  @Test
  void aSimStepNamingASwitchChangesThatSwitchOnlyAndOneNamingASwitchTheFleetLacksIsRefusedFirst() throws Exception {
    start(9, 0);
    double load = fleet.members().get("sw1").sim().settings().load();
    Path bad = dir.resolve("sim-sw9.yaml");
    java.nio.file.Files.writeString(bad, """
        name: sw9 does not exist
        steps:
          - {at: 0s, sim: {switch: sw5, load: 0.9}}
          - {at: 1s, sim: {switch: sw9, timeScale: 20}}
        """);

    CliRun refused = CliRun.of("scenario", "run", bad.toString(), "--url", fleet.first().control().url());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("error: step 2 (at 1s): unknown switch 'sw9' in sim.switch; this fleet has sw1,"
        + " sw2, sw3, sw4, sw5, sw6, sw7, sw8");
    assertThat(refused.out()).doesNotContain("step 1");
    assertThat(fleet.members().get("sw5").sim().settings().load()).as("step 1 did not run").isEqualTo(load);

    Path good = dir.resolve("sim-sw5.yaml");
    java.nio.file.Files.writeString(good, """
        name: sw5 runs hot and 20 times faster; the others are left alone
        steps:
          - {at: 0s, sim: {switch: sw5, load: 0.9, timeScale: 20}}
          - {at: 2s, expect: {entity: 'sw5:port17', status: state, equals: up}}
          - {at: 2s, expect: {entity: port17, status: state, equals: up}}
        """);

    CliRun run = CliRun.of("scenario", "run", good.toString(), "--url", fleet.first().control().url());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("step 1 sim on sw5 {\"load\":0.9,\"timeScale\":20}: ok")
        .contains("scenario PASSED: all 2 expectations held");
    assertThat(fleet.members().get("sw5").sim().settings().load()).isEqualTo(0.9);
    assertThat(fleet.members().get("sw5").sim().settings().timeScale()).isEqualTo(20.0);
    for (String other : List.of("sw1", "sw2", "sw4", "sw6", "sw8")) {
      assertThat(fleet.members().get(other).sim().settings().load()).as(other).isEqualTo(load);
      assertThat(fleet.members().get(other).sim().settings().timeScale()).as(other).isEqualTo(1.0);
    }
  }

  private static List<String> sourceOfRaised(Snmptrapd trapd) {
    List<String> lines = trapd.output().lines().toList();
    List<String> sources = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).contains("cpoAlarmRaised")) {
        sources.add(lines.get(i - 1));
      }
    }
    return sources;
  }

  private static List<String> raised(Snmptrapd trapd) {
    return trapd.output().lines().filter(l -> l.contains("cpoAlarmRaised")).toList();
  }
}
