package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile sizes and shapes: deep JSON, huge numbers, long URLs, idle connections; and readings without noise. */
class ControlLimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final SimulatedSwitch sim = RealSwitch.create();
  private ControlServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ControlServer(new ControlConfig("127.0.0.1", 0, "", List.of(), 1), ControlService.builder()
        .telemetry(RealSwitch.snapshots(sim)).simulator(sim).components(() -> Map.of()).build());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
    sim.close();
  }

  @Test
  void jsonNested1000LevelsIs400NamingTheLimitAndNoExceptionText() throws Exception {
    for (int depth : new int[] {33, 1000, 5000}) {
      HttpResponse<String> r = post("/api/v1/faults", "[".repeat(depth) + "]".repeat(depth));

      assertThat(r.statusCode()).as("depth %d", depth).isEqualTo(400);
      JsonNode e = JSON.readTree(r.body());
      assertThat(e.path("error").asText()).isEqualTo("json-too-large");
      assertThat(e.path("detail").asText()).contains("JSON nested deeper than 32 levels");
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("java.");
    }
    assertThat(sim.faults().active()).isEmpty();
  }

  @Test
  void aFiveThousandDigitNumberIs400NamingTheLimit() throws Exception {
    HttpResponse<String> r = post("/api/v1/sim", "{\"timeScale\":" + "1".repeat(5000) + "}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("a JSON number longer than 64 characters");
    assertThat(r.body()).doesNotContain("Exception");
    assertThat(sim.settings().timeScale()).isEqualTo(1.0);
  }

  @Test
  void aLongUrlIs414() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/telemetry?entity="
        + "a".repeat(10_000))).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(414);
    assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("uri-too-long");
  }

  @Test
  void anIdleConnectionIsClosedAfterTheTimeout() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      long start = System.nanoTime();
      // Sends nothing: the server closes it after control.idleTimeoutSeconds (1 here).
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aKeptAliveConnectionServesSeveralRequestsBeforeGoingIdle() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      for (int i = 0; i < 3; i++) {
        s.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buf = new byte[16];
        assertThat(new String(buf, 0, s.getInputStream().read(buf), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        s.getInputStream().skip(s.getInputStream().available());
      }
    }
  }

  @Test
  void everyReadingCarriesNoMoreDigitsThanItsSensorsResolution() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> RealSwitch.snapshots(sim).get() != null);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/telemetry")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode t = JSON.readTree(r.body());

    int checked = 0;
    for (JsonNode e : t.path("entities")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = e.path("readings").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> reading = it.next();
        JsonNode v = reading.getValue().path("value");
        if (!v.isNumber()) {
          continue;
        }
        SensorKind kind = kindOf(reading.getKey());
        BigDecimal exact = new BigDecimal(v.asText());
        if (kind.decimals() >= 0) {
          assertThat(exact.stripTrailingZeros().scale()).as("%s %s = %s", e.path("name").asText(), reading.getKey(), v.asText())
              .isLessThanOrEqualTo(kind.decimals());
        } else {
          assertThat(exact.stripTrailingZeros().precision()).as("%s %s", e.path("name").asText(), v.asText())
              .isLessThanOrEqualTo(3);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2000);
  }

  private static SensorKind kindOf(String key) {
    if (key.equals("post_fec_ber")) {
      // A port's post-FEC BER is derived from its lanes' counters, not a sensor; it is a BER and rounds as one.
      return SensorKind.PRE_FEC_BER;
    }
    for (SensorKind k : SensorKind.values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    throw new AssertionError("no sensor kind " + key);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
