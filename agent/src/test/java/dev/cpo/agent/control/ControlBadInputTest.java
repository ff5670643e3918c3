package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.hal.sim.SimSettings;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of bad input gets a 4xx whose JSON body names what is wrong, and changes nothing. One
 * switch serves every test: after each, its faults and settings must be as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlBadInputTest {

  private final SimulatedSwitch sim = RealSwitch.create();
  private ControlServer server;
  private SimSettings settingsBefore;

  @BeforeAll
  void start() throws Exception {
    ControlService service = ControlService.builder().telemetry(RealSwitch.snapshots(sim)).simulator(sim)
        .components(() -> Map.of("simulator", "running")).build();
    server = new ControlServer(new ControlConfig("127.0.0.1", 0, ""), service);
    server.start();
    settingsBefore = sim.settings();
  }

  @AfterAll
  void stop() {
    server.stop();
    sim.close();
  }

  @AfterEach
  void checkNothingChanged() {
    assertThat(sim.faults().active()).as("active faults").isEmpty();
    assertThat(sim.settings()).as("sim settings").isEqualTo(settingsBefore);
  }

  @ParameterizedTest(name = "POST /api/v1/faults {0} -> {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {"type":"laser-failure","target":                        | 400 | invalid-json           | malformed JSON
      [1,2]                                                    | 400 | invalid-request        | JSON object
      {"target":"els3/laser5"}                                 | 400 | missing-field          | 'type'
      {"type":"laser-failure"}                                 | 400 | missing-field          | 'target'
      {"type":7,"target":"els3/laser5"}                        | 400 | invalid-field          | 'type'
      {"type":"laser-melting","target":"els3/laser5"}          | 400 | unknown-type           | laser-melting
      {"type":"laser-failure","target":"els9/laser9"}          | 400 | unknown-target         | els9/laser9
      {"type":"laser-failure","target":"port17"}                | 400 | wrong-target-class     | port17
      {"type":"laser-degradation","target":"els3/laser5","driftPercentPerDay":5000} | 400 | parameter-out-of-range | driftPercentPerDay
      {"type":"laser-degradation","target":"els3/laser5","speed":5}                | 400 | unknown-parameter      | speed
      {"type":"laser-degradation","target":"els3/laser5","driftPercentPerDay":"x"} | 400 | invalid-parameter      | driftPercentPerDay
      """)
  void aBadFaultRequestIsRefused(String body, int status, String error, String named) throws Exception {
    JsonNode e = send("POST", "/api/v1/faults", body.trim(), status);

    assertThat(e.path("error").asText()).isEqualTo(error);
    assertThat(e.path("detail").asText()).contains(named);
  }

  @ParameterizedTest(name = "POST /api/v1/sim {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"timeScale":0}                 | out-of-range  | timeScale
      {"timeScale":3600,"load":1.5}   | out-of-range  | load
      {"load":"high"}                 | invalid-field | 'load'
      {"seed":1.5}                    | invalid-field | 'seed'
      {"speed":2}                     | unknown-field | 'speed'
      {}                              | invalid-request | timeScale
      """)
  void aBadSimSettingIsRefusedAndNoneOfTheRequestIsApplied(String body, String error, String named) throws Exception {
    JsonNode e = send("POST", "/api/v1/sim", body.trim(), 400);

    assertThat(e.path("error").asText()).isEqualTo(error);
    assertThat(e.path("detail").asText()).contains(named);
  }

  @Test
  void insertingAModuleThatIsPresentIs409() throws Exception {
    JsonNode e = send("POST", "/api/v1/faults", "{\"type\":\"els-insertion\",\"target\":\"els3\"}", 409);

    assertThat(e.path("error").asText()).isEqualTo("conflict");
    assertThat(e.path("detail").asText()).contains("els3");
  }

  @Test
  void aPostWithoutABodyIsRefused() throws Exception {
    assertThat(send("POST", "/api/v1/faults", null, 400).path("detail").asText()).contains("JSON body");
  }

  @Test
  void anUnknownRouteIs404() throws Exception {
    assertThat(send("GET", "/api/v1/lasers", null, 404).path("error").asText()).isEqualTo("unknown-route");
    assertThat(send("GET", "/", null, 404).path("error").asText()).isEqualTo("unknown-route");
  }

  @Test
  void aWrongMethodIs405() throws Exception {
    assertThat(send("PUT", "/api/v1/faults", "{}", 405).path("detail").asText()).contains("GET, POST");
    assertThat(send("GET", "/api/v1/sim", null, 405).path("error").asText()).isEqualTo("method-not-allowed");
  }

  @Test
  void clearingAnUnknownFaultIs404() throws Exception {
    JsonNode e = send("DELETE", "/api/v1/faults/f999", null, 404);

    assertThat(e.path("error").asText()).isEqualTo("unknown-fault");
    assertThat(e.path("detail").asText()).contains("f999");
  }

  @Test
  void aBadQueryFlagIs400() throws Exception {
    // Alarms need the agent core, absent here; the flag is checked before that.
    assertThat(send("GET", "/api/v1/alarms?history=maybe", null, 400).path("detail").asText()).contains("history");
  }

  @Test
  void anUnknownQueryParameterIs400NamingIt() throws Exception {
    JsonNode e = send("GET", "/api/v1/telemetry?entitty=port17", null, 400);

    assertThat(e.path("error").asText()).isEqualTo("unknown-query");
    assertThat(e.path("detail").asText()).contains("entitty").contains("allowed: entity");
  }

  @Test
  void alarmsWithoutTheAgentCoreAre503() throws Exception {
    assertThat(send("GET", "/api/v1/alarms", null, 503).path("detail").asText()).contains("agent core");
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    String huge = "{\"type\":\"" + "x".repeat(ControlServerInitializer.MAX_CONTENT_BYTES) + "\"}";
    int status = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/v1/faults"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge)).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();

    assertThat(status).isEqualTo(413);
  }

  private JsonNode send(String method, String path, String body, int expected) throws Exception {
    return ControlServerTest.send(server.port(), method, path, body, null, expected);
  }
}
