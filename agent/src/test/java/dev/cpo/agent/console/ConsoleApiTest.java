package dev.cpo.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.control.ApiException;
import dev.cpo.agent.control.ControlService;
import dev.cpo.agent.scenario.ServiceTarget;
import dev.cpo.agent.testing.SimRig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static ConsoleApi api(SimRig rig, SensorHistory history, Path scenarios) {
    ControlService service = ControlService.builder().telemetry(() -> rig.agent.latest().hal()).simulator(rig.sim)
        .agent(rig.agent).build();
    // On a manual clock the runner moves time itself: each advance polls, as the live agent would.
    ScenarioRuns runs = new ScenarioRuns(scenarios, () -> new ServiceTarget(service, rig.clock,
        d -> rig.run(d, Duration.ofSeconds(1)), () -> { }));
    ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, history, new ConsoleFeedTest.Recorder());
    return new ConsoleApi(rig.agent, history, feed, runs);
  }

  private static ApiException refusal(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aPortsHistoryIsItsLanesSensorsWithTheirFourThresholdLevels() {
    try (SimRig rig = new SimRig(dir.resolve("state"))) {
      SensorHistory history = SensorHistory.defaults();
      history.record(rig.agent.latest().hal());
      rig.runSeconds(5);
      history.record(rig.agent.latest().hal());
      JsonNode h = api(rig, history, dir).history("port17");
      assertThat(h.path("timesMillis")).hasSize(2);
      assertThat(h.path("sensors")).extracting(s -> s.path("id").asText())
          .contains("port17/lane1:rx_power", "port17/lane4:tx_power", "port17/lane3:pre_fec_ber");
      JsonNode rx = null;
      for (JsonNode s : h.path("sensors")) {
        if (s.path("id").asText().equals("port17/lane1:rx_power")) {
          rx = s;
        }
      }
      assertThat(rx.path("unit").asText()).isEqualTo("dBm");
      assertThat(rx.path("thresholds").fieldNames()).toIterable()
          .containsExactly("lowAlarm", "lowWarning", "highWarning", "highAlarm");
      assertThat(rx.path("thresholds").path("lowAlarm").isNumber()).isTrue();
      assertThat(rx.path("values")).hasSize(2);
    }
  }

  @Test
  void aPortsReadingsComeInOneAnswerWithItsLanesAsTelemetryGivesEachOfThem() {
    try (SimRig rig = new SimRig(dir.resolve("state"))) {
      ControlService service = ControlService.builder().telemetry(() -> rig.agent.latest().hal()).simulator(rig.sim)
          .agent(rig.agent).build();
      ConsoleApi api = api(rig, SensorHistory.defaults(), dir);

      JsonNode port = api.readings("port17");

      assertThat(port.path("entities")).extracting(e -> e.path("name").asText())
          .containsExactly("port17", "port17/lane1", "port17/lane2", "port17/lane3", "port17/lane4");
      for (JsonNode e : port.path("entities")) {
        assertThat(e).isEqualTo(service.telemetry(e.path("name").asText()).path("entities").path(0));
      }
      assertThat(api.readings("els3/laser5").path("entities")).singleElement()
          .satisfies(e -> assertThat(e.path("name").asText()).isEqualTo("els3/laser5"));
      assertThat(refusal(() -> api.readings(null)).status()).isEqualTo(400);
      assertThat(refusal(() -> api.readings("port999")).status()).isEqualTo(404);
    }
  }

  @Test
  void aHistoryOfNoEntityOrAnUnknownOneIsRefused() {
    try (SimRig rig = new SimRig(dir.resolve("state"))) {
      ConsoleApi api = api(rig, SensorHistory.defaults(), dir);
      assertThat(refusal(() -> api.history(null)).status()).isEqualTo(400);
      ApiException e = refusal(() -> api.history("port999"));
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.detail()).contains("port999");
    }
  }

  @Test
  void theBundledLaserFailureScenarioRunsToAPassWithEachStepRecorded() throws Exception {
    try (SimRig rig = new SimRig(dir.resolve("state"))) {
      // No such folder: the jar's bundled examples are on offer.
      ConsoleApi api = api(rig, SensorHistory.defaults(), dir.resolve("none"));
      assertThat(api.scenarios().path("files")).extracting(JsonNode::asText).contains("laser-failure.yaml");
      JsonNode started = api.startRun(JSON.readTree("{\"file\":\"laser-failure.yaml\"}"));
      String id = started.path("id").asText();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
          .until(() -> !api.run(id).path("state").asText().equals("running"));
      JsonNode run = api.run(id);
      assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("passed");
      assertThat(run.path("steps")).hasSize(15).allSatisfy(s -> assertThat(s.path("ok").asBoolean()).isTrue());
      assertThat(run.path("steps").path(1).path("result").asText()).startsWith("ok (id f");
    }
  }

  @Test
  void badScenarioRequestsGetAnErrorNamingWhatIsWrongAndStartNothing() throws Exception {
    try (SimRig rig = new SimRig(dir.resolve("state"))) {
      ConsoleApi api = api(rig, SensorHistory.defaults(), dir.resolve("none"));
      ApiException bad = refusal(() -> api.startRun(node("{\"yaml\":\"name: x\\nsteps:\\n  - at: 5s\\n    explode: {}\\n\"}")));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.error()).isEqualTo("invalid-scenario");
      assertThat(bad.detail()).contains("step 1").contains("explode");
      assertThat(refusal(() -> api.startRun(node("{\"file\":\"../../etc/passwd\"}"))).status()).isEqualTo(400);
      assertThat(refusal(() -> api.startRun(node("{\"file\":\"nope.yaml\"}"))).status()).isEqualTo(404);
      assertThat(refusal(() -> api.startRun(node("{}"))).status()).isEqualTo(400);
      assertThat(refusal(() -> api.startRun(node("{\"file\":\"laser-failure.yaml\",\"extra\":1}"))).detail())
          .contains("extra");
      assertThat(refusal(() -> api.run("r42")).status()).isEqualTo(404);
      assertThat(api.scenarios().path("runs")).isEmpty();
      assertThat(rig.sim.faults().active()).isEmpty();
    }
  }

  private static JsonNode node(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
