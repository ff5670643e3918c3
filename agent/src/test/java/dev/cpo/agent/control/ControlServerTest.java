package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Serviceability;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.testing.FixedAgentView;
import java.net.URI;
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

  private final FakeSimulator sim = new FakeSimulator();
  private final FixedAgentView agent = new FixedAgentView(sim.snapshot());
  private final AtomicReference<ConfigException> nextReloadError = new AtomicReference<>();
  private ControlServer server;

  @BeforeEach
  void start() throws Exception {
    ControlService service = ControlService.builder()
        .telemetry(sim::snapshot)
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
  void inventoryListsEntitiesWithContainmentAndTheLaserMapping() throws Exception {
    JsonNode inv = get("/api/v1/inventory", 200);

    assertThat(inv.path("counts").path("ports").asInt()).isEqualTo(1);
    assertThat(inv.path("counts").path("lasers").asInt()).isEqualTo(1);
    JsonNode els = inv.path("entities").get(1);
    assertThat(els.path("name").asText()).isEqualTo("els1");
    assertThat(els.path("class").asText()).isEqualTo("laserModule");
    assertThat(els.path("parent").asText()).isEqualTo("chassis");
    assertThat(els.path("fieldReplaceable").asBoolean()).isTrue();
    assertThat(els.path("serial").asText()).isEqualTo("ELS1");
    JsonNode map = inv.path("laserMapping").get(0);
    assertThat(map.path("lanes").get(0).asText()).isEqualTo("port1/lane1");
    assertThat(map.path("ports").get(0).asText()).isEqualTo("port1");
  }

  @Test
  void telemetryGivesValueUnitStatusAndTimestampPerReading() throws Exception {
    JsonNode t = get("/api/v1/telemetry?entity=els1/laser1", 200);

    assertThat(t.path("entities")).hasSize(1);
    JsonNode bias = t.path("entities").get(0).path("readings").path("bias");
    assertThat(bias.path("value").asDouble()).isEqualTo(50.5);
    assertThat(bias.path("unit").asText()).isEqualTo("mA");
    assertThat(bias.path("status").asText()).isEqualTo("ok");
    assertThat(bias.path("timestampMillis").asLong()).isPositive();
    assertThat(t.path("entities").get(0).path("status").path("state").asText()).isEqualTo("up");
  }

  @Test
  void telemetryOfAllEntitiesCarriesCountersAndEntityStatus() throws Exception {
    JsonNode t = get("/api/v1/telemetry", 200);

    JsonNode port = t.path("entities").get(3);
    assertThat(port.path("name").asText()).isEqualTo("port1");
    assertThat(port.path("status").path("speedMbps").asLong()).isEqualTo(200_000);
    assertThat(port.path("counters").path("rx_octets").asLong()).isEqualTo(42);
  }

  @Test
  void telemetryOfAnUnknownEntityIs404() throws Exception {
    JsonNode e = get("/api/v1/telemetry?entity=port999", 404);

    assertThat(e.path("error").asText()).isEqualTo("unknown-entity");
    assertThat(e.path("detail").asText()).contains("port999");
  }

  @Test
  void alarmsListTheActiveOnesAndWithHistoryTheClearedOnes() throws Exception {
    Serviceability els = new Serviceability("els1", true, "Replace laser module els1 (field-replaceable).");
    Alarm failure = new Alarm("laser-failure/els1/laser1", "laser-failure", Severity.MAJOR, "els1/laser1",
        "laser els1/laser1 failed", 1000, 0, Double.NaN, Double.NaN, null, List.of("port1"), els);
    Alarm old = new Alarm("laser.bias-highWarning/els1/laser1", "laser.bias-highWarning", Severity.WARNING,
        "els1/laser1", "bias high", 10, 500, 61.2, 60, null, List.of(), els);
    agent.alarms(List.of(failure)).history(List.of(old));

    JsonNode active = get("/api/v1/alarms", 200);
    JsonNode withHistory = get("/api/v1/alarms?history=true", 200);

    assertThat(active.path("active").get(0).path("id").asText()).isEqualTo("laser-failure/els1/laser1");
    assertThat(active.path("active").get(0).path("severity").asText()).isEqualTo("major");
    assertThat(active.path("active").get(0).path("affected").get(0).asText()).isEqualTo("port1");
    assertThat(active.path("active").get(0).path("value").isNull()).isTrue();
    assertThat(active.has("history")).isFalse();
    assertThat(withHistory.path("history").get(0).path("clearedAtMillis").asLong()).isEqualTo(500);
  }

  @Test
  void theCatalogListsEachTypeWithItsParameters() throws Exception {
    JsonNode c = get("/api/v1/faults/catalog", 200);

    assertThat(c).hasSize(2);
    JsonNode drift = c.get(1).path("parameters").get(0);
    assertThat(drift.path("name").asText()).isEqualTo("driftPercentPerDay");
    assertThat(drift.path("default").asDouble()).isEqualTo(1.0);
    assertThat(drift.path("max").asDouble()).isEqualTo(100.0);
    assertThat(c.get(1).path("targetClasses").get(0).asText()).isEqualTo("laser");
  }

  @Test
  void aFaultIsInjectedListedAndClearedAndTheTelemetryFollows() throws Exception {
    JsonNode created = send("POST", "/api/v1/faults",
        "{\"type\":\"laser-degradation\",\"target\":\"els1/laser1\",\"driftPercentPerDay\":5}", 201);
    String id = created.path("id").asText();

    assertThat(get("/api/v1/faults", 200).get(0).path("parameters").path("driftPercentPerDay").asDouble()).isEqualTo(5.0);
    send("POST", "/api/v1/faults", "{\"type\":\"laser-failure\",\"target\":\"els1/laser1\"}", 201);
    assertThat(get("/api/v1/telemetry?entity=port1", 200).path("entities").get(0).path("status").path("state").asText())
        .isEqualTo("down");
    assertThat(send("DELETE", "/api/v1/faults/" + id, null, 200).path("id").asText()).isEqualTo(id);
    assertThat(get("/api/v1/faults", 200)).hasSize(1);
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
    HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as("%s %s -> %s", method, path, res.body()).isEqualTo(expectedStatus);
    assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(res.body());
  }
}
