package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Serviceability;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route of the control API over real HTTP on a free loopback port. */
class ControlServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ManualClock clock = new ManualClock();
  private final SimulatedSwitch sim = RealSwitch.create(clock);
  private final FixedAgentView agent = new FixedAgentView(RealSwitch.snapshots(sim).get());
  private final AtomicReference<ConfigException> nextReloadError = new AtomicReference<>();
  private ControlServer server;

  @BeforeEach
  void start() throws Exception {
    ControlService service = ControlService.builder()
        .telemetry(RealSwitch.snapshots(sim))
        .simulator(sim)
        .agent(agent)
        .reloader(() -> {
          ConfigException e = nextReloadError.get();
          if (e != null) {
            throw e;
          }
          return new ConfigReloader.Outcome("agent.yaml", List.of("sim.load"), List.of("snmp.port"));
        })
        .components(() -> Map.of("simulator", "running", "control-api", "running"))
        .build();
    server = new ControlServer(new ControlConfig("127.0.0.1", 0, ""), service);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
    sim.close();
  }

  @Test
  void portZeroBindsAFreePortAndReportsIt() {
    assertThat(server.port()).isPositive().isNotEqualTo(8161);
    assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
  }

  @Test
  void healthSaysOkAndListsComponents() throws Exception {
    JsonNode h = get("/api/v1/health", 200);

    assertThat(h.path("status").asText()).isEqualTo("ok");
    assertThat(h.path("components").path("control-api").asText()).isEqualTo("running");
    assertThat(h.path("sim").path("timeScale").asDouble()).isEqualTo(1.0);
  }

  @Test
  void healthStillAnswersWithoutTelemetryAndSaysDegraded() {
    ControlService bare = ControlService.builder().telemetry(() -> null)
        .components(() -> Map.of("sampler", "starting")).build();

    JsonNode h = bare.health();

    assertThat(h.path("status").asText()).isEqualTo("degraded");
    assertThat(h.path("telemetry").path("error").asText()).contains("no telemetry");
    assertThat(h.path("components").path("sampler").asText()).isEqualTo("starting");
  }

  @Test
  void inventoryCountsTheDefaultSwitchAndShowsContainmentAndTheLaserMapping() throws Exception {
    JsonNode inv = get("/api/v1/inventory", 200);

    JsonNode counts = inv.path("counts");
    assertThat(counts.path("ports").asInt()).isEqualTo(144);
    assertThat(counts.path("asics").asInt()).isEqualTo(4);
    assertThat(counts.path("opticalEngines").asInt()).isEqualTo(72);
    assertThat(counts.path("laserModules").asInt()).isEqualTo(18);
    assertThat(counts.path("lasers").asInt()).isEqualTo(144);
    JsonNode els3 = entity(inv, "els3");
    assertThat(els3.path("class").asText()).isEqualTo("laserModule");
    assertThat(els3.path("parent").asText()).isEqualTo("chassis");
    assertThat(els3.path("fieldReplaceable").asBoolean()).isTrue();
    assertThat(els3.path("serial").asText()).isNotBlank();
    assertThat(entity(inv, "oe39").path("fieldReplaceable").asBoolean()).as("a CPO engine is not a FRU").isFalse();
    JsonNode map = find(inv.path("laserMapping"), "laser", RealSwitch.LASER);
    assertThat(map.path("ports")).extracting(JsonNode::asText).containsExactly("port17", "port18", "port19", "port20");
    assertThat(map.path("lanes").get(0).asText()).isEqualTo("port17/lane3");
  }

  @Test
  void telemetryGivesValueUnitStatusAndTimestampPerReading() throws Exception {
    JsonNode t = get("/api/v1/telemetry?entity=" + RealSwitch.LASER, 200);

    assertThat(t.path("entities")).hasSize(1);
    JsonNode laser = t.path("entities").get(0);
    JsonNode bias = laser.path("readings").path("bias");
    assertThat(bias.path("value").asDouble()).isPositive();
    assertThat(bias.path("unit").asText()).isEqualTo("mA");
    assertThat(bias.path("status").asText()).isEqualTo("ok");
    assertThat(bias.path("timestampMillis").asLong()).isCloseTo(clock.millis(), org.assertj.core.data.Offset.offset(5_000L));
    assertThat(laser.path("readings").path("temp").path("unit").asText()).isEqualTo("C");
    assertThat(laser.path("status").path("state").asText()).isEqualTo("up");
  }

  @Test
  void telemetryOfAllEntitiesCarriesCountersThatAdvanceWithTime() throws Exception {
    get("/api/v1/telemetry", 200);
    clock.advance(Duration.ofSeconds(10));
    JsonNode t = get("/api/v1/telemetry", 200);

    JsonNode port = find(t.path("entities"), "name", "port17");
    assertThat(port.path("status").path("speedMbps").asLong()).isEqualTo(800_000);
    assertThat(port.path("counters").path("rx_octets").asLong()).isPositive();
    JsonNode lane = find(t.path("entities"), "name", "port17/lane3");
    assertThat(lane.path("counters").has("fec_corrected")).isTrue();
    assertThat(lane.path("readings").path("rx_power").path("unit").asText()).isEqualTo("dBm");
  }

  @Test
  void aPortsViewGivesItsFecTotalsHistogramAndPostFecBer() throws Exception {
    sim.faults().inject(new dev.cpo.hal.fault.FaultRequest("fiber-dirty", "port42/lane3", Map.of("lossDb", 1.5)));
    clock.advance(Duration.ofSeconds(10));
    JsonNode port = get("/api/v1/telemetry?entity=port42", 200).path("entities").get(0);
    JsonNode counters = port.path("counters");
    long lanesCorrected = 0;
    long lanesUncorrectable = 0;
    for (int lane = 1; lane <= 4; lane++) {
      JsonNode l = get("/api/v1/telemetry?entity=port42/lane" + lane, 200).path("entities").get(0).path("counters");
      lanesCorrected += l.path("fec_corrected").asLong();
      lanesUncorrectable += l.path("fec_uncorrectable").asLong();
    }

    assertThat(counters.path("fec_corrected").asLong()).isEqualTo(lanesCorrected).isPositive();
    assertThat(counters.path("fec_uncorrectable").isIntegralNumber()).isTrue();
    assertThat(counters.path("fec_uncorrectable").asLong()).isEqualTo(lanesUncorrectable);
    for (int bin = 0; bin < 16; bin++) {
      assertThat(counters.path("fec_bin_" + bin).isIntegralNumber()).as("bin " + bin).isTrue();
    }
    assertThat(counters.path("fec_bin_1").asLong()).isPositive();
    JsonNode ber = port.path("readings").path("post_fec_ber");
    assertThat(ber.path("value").isNumber()).isTrue();
    assertThat(ber.path("value").asDouble()).isPositive().isLessThan(1);
    assertThat(ber.path("unit").asText()).isEqualTo("ratio");
    assertThat(ber.path("status").asText()).isEqualTo("ok");

    // Counters only grow while the agent runs.
    clock.advance(Duration.ofSeconds(10));
    JsonNode later = get("/api/v1/telemetry?entity=port42", 200).path("entities").get(0).path("counters");
    assertThat(later.path("fec_corrected").asLong()).isGreaterThan(counters.path("fec_corrected").asLong());
    assertThat(later.path("fec_bin_1").asLong()).isGreaterThan(counters.path("fec_bin_1").asLong());
  }

  @Test
  void aPortWithEveryLaneDarkHasNoPostFecBer() throws Exception {
    sim.faults().inject(dev.cpo.hal.fault.FaultRequest.of("fiber-cut", "port42"));
    clock.advance(Duration.ofSeconds(5));
    JsonNode ber = get("/api/v1/telemetry?entity=port42", 200).path("entities").get(0).path("readings")
        .path("post_fec_ber");

    assertThat(ber.path("value").isNull()).isTrue();
    assertThat(ber.path("status").asText()).isEqualTo("unavailable");
  }

  @Test
  void telemetryOfAnUnknownEntityIs404() throws Exception {
    JsonNode e = get("/api/v1/telemetry?entity=port999", 404);

    assertThat(e.path("error").asText()).isEqualTo("unknown-entity");
    assertThat(e.path("detail").asText()).contains("port999");
  }

  @Test
  void alarmsAreGroupedByRootCauseWithTheSymptomsFoldedUnderEach() throws Exception {
    Serviceability els = new Serviceability("els3", true, "Replace laser module els3 (field-replaceable).");
    Alarm failure = new Alarm("laser-failure/els3/laser5", "laser-failure", Severity.MAJOR, "els3/laser5",
        "laser els3/laser5 failed", 1000, 0, Double.NaN, Double.NaN, null, List.of("port17", "port18"), els);
    Alarm rx17 = symptom("lane.rx_power-lowAlarm/port17/lane3", "port17/lane3", 1001, failure.id(), els);
    Alarm rx18 = symptom("lane.rx_power-lowAlarm/port18/lane3", "port18/lane3", 1002, failure.id(), els);
    Serviceability fan = new Serviceability("fan2", true, "Replace fan2.");
    Alarm fanFailure = new Alarm("fan-failure/fan2", "fan-failure", Severity.CRITICAL, "fan2", "fan2 stopped", 2000, 0,
        0, Double.NaN, null, List.of(), fan);
    agent.alarms(List.of(failure, rx17, rx18, fanFailure));

    JsonNode a = get("/api/v1/alarms", 200);

    assertThat(a.path("view").asText()).isEqualTo("grouped");
    assertThat(a.path("activeCount").asInt()).isEqualTo(4);
    assertThat(a.path("rootCauseCount").asInt()).isEqualTo(2);
    // Most severe first.
    JsonNode first = a.path("rootCauses").get(0);
    JsonNode laser = a.path("rootCauses").get(1);
    assertThat(first.path("id").asText()).isEqualTo("fan-failure/fan2");
    assertThat(first.path("symptomCount").asInt()).isZero();
    assertThat(laser.path("id").asText()).isEqualTo("laser-failure/els3/laser5");
    assertThat(laser.path("affected")).extracting(JsonNode::asText).containsExactly("port17", "port18");
    assertThat(laser.path("serviceability").path("replace").asText()).isEqualTo("els3");
    assertThat(laser.path("serviceability").path("fieldReplaceable").asBoolean()).isTrue();
    assertThat(laser.path("symptomCount").asInt()).isEqualTo(2);
    assertThat(laser.path("symptoms")).extracting(s -> s.path("entity").asText())
        .containsExactly("port17/lane3", "port18/lane3");
    assertThat(a.has("active")).isFalse();
    assertThat(a.has("history")).isFalse();
  }

  @Test
  void aSymptomWhoseRootIsNotActiveStandsAsItsOwnGroup() throws Exception {
    Serviceability els = new Serviceability("els3", true, "Replace laser module els3 (field-replaceable).");
    agent.alarms(List.of(symptom("lane.rx_power-lowAlarm/port17/lane3", "port17/lane3", 1001, "gone/els3", els)));

    JsonNode a = get("/api/v1/alarms", 200);

    assertThat(a.path("rootCauses")).extracting(r -> r.path("id").asText())
        .containsExactly("lane.rx_power-lowAlarm/port17/lane3");
  }

  @Test
  void theFlatViewListsEveryActiveAlarmAndHistoryAddsTheClearedOnes() throws Exception {
    Serviceability els = new Serviceability("els3", true, "Replace laser module els3 (field-replaceable).");
    Alarm failure = new Alarm("laser-failure/els3/laser5", "laser-failure", Severity.MAJOR, "els3/laser5",
        "laser els3/laser5 failed", 1000, 0, Double.NaN, Double.NaN, null, List.of("port17"), els);
    Alarm rx17 = symptom("lane.rx_power-lowAlarm/port17/lane3", "port17/lane3", 1001, failure.id(), els);
    Alarm old = new Alarm("laser.bias-highWarning/els3/laser5", "laser.bias-highWarning", Severity.WARNING,
        "els3/laser5", "bias high", 10, 500, 61.2, 60, null, List.of(), els);
    agent.alarms(List.of(failure, rx17)).history(List.of(old));

    JsonNode flat = get("/api/v1/alarms?flat=true", 200);
    JsonNode withHistory = get("/api/v1/alarms?history=true", 200);

    assertThat(flat.path("view").asText()).isEqualTo("flat");
    assertThat(flat.path("active")).extracting(x -> x.path("id").asText())
        .containsExactly("laser-failure/els3/laser5", "lane.rx_power-lowAlarm/port17/lane3");
    assertThat(flat.path("active").get(0).path("severity").asText()).isEqualTo("major");
    assertThat(flat.path("active").get(0).path("value").isNull()).isTrue();
    assertThat(flat.path("active").get(1).path("rootCauseId").asText()).isEqualTo("laser-failure/els3/laser5");
    assertThat(flat.has("history")).isFalse();
    assertThat(withHistory.path("rootCauseCount").asInt()).isEqualTo(1);
    assertThat(withHistory.path("history").get(0).path("clearedAtMillis").asLong()).isEqualTo(500);
  }

  private static Alarm symptom(String id, String entity, long at, String root, Serviceability s) {
    return new Alarm(id, "lane.rx_power-lowAlarm", Severity.MAJOR, entity, "rx power low on " + entity, at, 0, -30.0,
        -14.0, root, List.of(), s);
  }

  @Test
  void theCatalogListsEveryFaultTypeOfTheSpecWithItsParameters() throws Exception {
    JsonNode c = get("/api/v1/faults/catalog", 200);

    assertThat(c.findValuesAsText("type")).contains("laser-degradation", "laser-failure", "laser-power-drop",
        "els-removal", "els-insertion", "els-tec-failure", "oe-overtemp", "asic-overtemp", "coolant-flow-loss",
        "coolant-inlet-temp", "fan-failure", "fiber-cut", "fiber-dirty", "ber-degradation", "sensor-stuck",
        "sensor-noise", "sensor-read-error", "hal-latency");
    JsonNode degradation = find(c, "type", "laser-degradation");
    JsonNode drift = degradation.path("parameters").get(0);
    assertThat(drift.path("name").asText()).isEqualTo("driftPercentPerDay");
    assertThat(drift.has("default") && drift.has("min") && drift.has("max") && drift.has("unit")).isTrue();
    assertThat(degradation.path("targetClasses")).extracting(JsonNode::asText).contains("laser");
  }

  @Test
  void aFaultIsInjectedListedAndClearedAndTheTelemetryFollows() throws Exception {
    JsonNode created = send("POST", "/api/v1/faults",
        "{\"type\":\"laser-degradation\",\"target\":\"els7/laser2\",\"driftPercentPerDay\":20}", 201);
    String degradation = created.path("id").asText();
    assertThat(get("/api/v1/faults", 200).get(0).path("parameters").path("driftPercentPerDay").asDouble()).isEqualTo(20.0);

    String failure = send("POST", "/api/v1/faults", "{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}", 201)
        .path("id").asText();
    clock.advance(Duration.ofSeconds(5));
    assertThat(status("port17").path("state").asText()).isEqualTo("degraded");
    assertThat(status("port17").path("speedMbps").asLong()).isEqualTo(600_000);
    assertThat(status("port21").path("speedMbps").asLong()).isEqualTo(800_000);

    assertThat(send("DELETE", "/api/v1/faults/" + failure, null, 200).path("id").asText()).isEqualTo(failure);
    clock.advance(Duration.ofSeconds(60));
    assertThat(status("port17").path("speedMbps").asLong()).isEqualTo(800_000);
    assertThat(get("/api/v1/faults", 200)).extracting(f -> f.path("id").asText()).containsExactly(degradation);
  }

  @Test
  void simSettingsChangeOneAtATime() throws Exception {
    JsonNode s = send("POST", "/api/v1/sim", "{\"timeScale\":3600}", 200);
    send("POST", "/api/v1/sim", "{\"load\":0.8}", 200);
    JsonNode last = send("POST", "/api/v1/sim", "{\"seed\":7}", 200);

    assertThat(s.path("timeScale").asDouble()).isEqualTo(3600.0);
    assertThat(last.path("load").asDouble()).isEqualTo(0.8);
    assertThat(last.path("seed").asLong()).isEqualTo(7);
    assertThat(sim.settings().timeScale()).isEqualTo(3600.0);
  }

  @Test
  void aConfigReloadReportsWhatChanged() throws Exception {
    JsonNode r = send("POST", "/api/v1/config/reload", null, 200);

    assertThat(r.path("applied").get(0).asText()).isEqualTo("sim.load");
    assertThat(r.path("restartRequired").get(0).asText()).isEqualTo("snmp.port");
  }

  @Test
  void anInvalidConfigOnReloadIs422NamingTheKey() throws Exception {
    nextReloadError.set(new ConfigException("snmp.port", "snmp.port must be a port 0..65535, was 70000"));

    JsonNode r = send("POST", "/api/v1/config/reload", null, 422);

    assertThat(r.path("error").asText()).isEqualTo("invalid-config");
    assertThat(r.path("detail").asText()).contains("snmp.port").contains("running config is kept");
  }

  private JsonNode status(String entity) throws Exception {
    return get("/api/v1/telemetry?entity=" + entity, 200).path("entities").get(0).path("status");
  }

  private static JsonNode entity(JsonNode inventory, String name) {
    return find(inventory.path("entities"), "name", name);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.path(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value);
  }

  JsonNode get(String path, int expectedStatus) throws Exception {
    return send("GET", path, null, expectedStatus);
  }

  JsonNode send(String method, String path, String body, int expectedStatus) throws Exception {
    return send(server.port(), method, path, body, null, expectedStatus);
  }

  static JsonNode send(int port, String method, String path, String body, String token, int expectedStatus)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (!method.equals("GET")) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as("%s %s -> %s", method, path, res.body()).isEqualTo(expectedStatus);
    assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(res.body());
  }
}
