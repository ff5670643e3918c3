package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.testing.Tools;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control API of the whole product as a user and an attacker reach it: with the real {@code curl}.
 * A web page's CSRF (foreign Origin, text/plain or form bodies) and DNS rebinding (a foreign name that
 * resolves to 127.0.0.1) are refused; the README's curl lines work; hostile bodies and URLs get a 4xx
 * naming the limit.
 */
class ControlApiCurlIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAULT = "{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}";
  private static final String JSON_TYPE = "Content-Type: application/json";

  @TempDir Path dir;

  private Product product;
  private String url;
  private int port;

  @BeforeEach
  void start() throws Exception {
    Tools.require("curl");
    int trapPort;
    try (DatagramSocket s = new DatagramSocket(0)) {
      trapPort = s.getLocalPort();
    }
    AgentConfig config = AgentSections.load(null, List.of("snmp.port=0", "gnmi.port=0", "control.port=0", "mqtt.embedded.port=0",
        "traps.port=" + trapPort, "state.dir=" + dir.resolve("state")));
    product = Product.of(config);
    product.start();
    url = product.control().url();
    port = product.control().port();
  }

  @AfterEach
  void stop() {
    if (product != null) {
      product.stop();
    }
  }

  @Test
  void aForeignPagesPostIsRefusedWhateverItsContentTypeAndInjectsNothing() throws Exception {
    Curl csrf = curl("-H", "Origin: http://evil.example", "-H", "Content-Type: text/plain", "-X", "POST",
        url + "/api/v1/faults", "-d", FAULT);
    Curl csrfJson = curl("-H", "Origin: http://evil.example", "-H", JSON_TYPE, "-X", "POST", url + "/api/v1/faults",
        "-d", FAULT);
    Curl textPlain = curl("-H", "Content-Type: text/plain", "-X", "POST", url + "/api/v1/faults", "-d", FAULT);
    Curl form = curl("-X", "POST", url + "/api/v1/faults", "-d", FAULT);
    Curl delete = curl("-X", "DELETE", url + "/api/v1/faults/f1");

    assertThat(csrf.status).as(csrf.body).isEqualTo(403);
    assertThat(csrf.json().path("error").asText()).isEqualTo("origin-not-allowed");
    assertThat(csrfJson.status).isEqualTo(403);
    assertThat(textPlain.status).as(textPlain.body).isEqualTo(415);
    assertThat(textPlain.json().path("detail").asText()).contains("Content-Type: application/json");
    assertThat(form.status).as(form.body).isEqualTo(415);
    assertThat(form.json().path("detail").asText()).contains("application/x-www-form-urlencoded");
    assertThat(delete.status).isEqualTo(415);
    assertThat(product.sim().faults().active()).isEmpty();
  }

  @Test
  void aForeignNameResolvingToLoopbackIsRefusedSoDnsRebindingFails() throws Exception {
    // What a rebinding page does: its own name, now resolving to 127.0.0.1.
    Curl rebound = curl("--resolve", "evil.example:" + port + ":127.0.0.1", "http://evil.example:" + port
        + "/api/v1/faults");
    Curl reboundPost = curl("--resolve", "evil.example:" + port + ":127.0.0.1", "-H", JSON_TYPE,
        "-X", "POST", "http://evil.example:" + port + "/api/v1/faults", "-d", FAULT);
    Curl localhost = curl("http://localhost:" + port + "/api/v1/health");

    assertThat(rebound.status).as(rebound.body).isEqualTo(403);
    assertThat(rebound.json().path("error").asText()).isEqualTo("host-not-allowed");
    assertThat(reboundPost.status).isEqualTo(403);
    assertThat(localhost.status).isEqualTo(200);
    assertThat(product.sim().faults().active()).isEmpty();
  }

  @Test
  void theReadmesCurlLinesInjectAFaultShowTheOneRootCauseAndClearIt() throws Exception {
    Curl inject = curl("-X", "POST", "-H", JSON_TYPE, url + "/api/v1/faults", "-d", FAULT);
    assertThat(inject.status).as(inject.body).isEqualTo(201);
    String id = inject.json().path("id").asText();

    // Tour step 5: one root cause naming ports 17-20 and what to replace, its symptoms under it.
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      JsonNode a = curl(url + "/api/v1/alarms").json();
      assertThat(a.path("rootCauseCount").asInt()).isEqualTo(1);
      JsonNode root = a.path("rootCauses").get(0);
      assertThat(root.path("id").asText()).isEqualTo("laser-failure/els3/laser5");
      assertThat(root.path("affected").toString()).contains("port17", "port18", "port19", "port20");
      assertThat(root.path("serviceability").path("replace").asText()).isEqualTo("els3");
      assertThat(root.path("symptomCount").asInt()).isPositive();
      assertThat(a.path("activeCount").asInt()).isEqualTo(1 + root.path("symptomCount").asInt());
    });
    JsonNode flat = curl(url + "/api/v1/alarms?flat=true").json();
    assertThat(flat.path("active").size()).isEqualTo(flat.path("activeCount").asInt()).isGreaterThan(1);

    Curl clear = curl("-X", "DELETE", "-H", JSON_TYPE, url + "/api/v1/faults/" + id);
    assertThat(clear.status).as(clear.body).isEqualTo(200);
    assertThat(product.sim().faults().active()).isEmpty();
  }

  @Test
  void hostileBodiesAndUrlsGetA4xxNamingTheLimitAndNoExceptionText() throws Exception {
    Path deep = dir.resolve("deep.json");
    Files.writeString(deep, "[".repeat(1000) + "]".repeat(1000));
    Path digits = dir.resolve("digits.json");
    Files.writeString(digits, "{\"timeScale\":" + "1".repeat(5000) + "}");

    Curl nested = curl("-X", "POST", "-H", JSON_TYPE, url + "/api/v1/faults", "--data-binary", "@" + deep);
    Curl number = curl("-X", "POST", "-H", JSON_TYPE, url + "/api/v1/sim", "--data-binary", "@" + digits);
    Curl longUrl = curl(url + "/api/v1/telemetry?entity=" + "a".repeat(10_000));
    Curl head = curl("-I", url + "/api/v1/health");

    assertThat(nested.status).as(nested.body).isEqualTo(400);
    assertThat(nested.json().path("detail").asText()).contains("JSON nested deeper than 32 levels");
    assertThat(number.status).as(number.body).isEqualTo(400);
    assertThat(number.json().path("detail").asText()).contains("a JSON number longer than 64 characters");
    assertThat(nested.body + number.body).doesNotContain("Exception").doesNotContain("java.");
    assertThat(longUrl.status).isEqualTo(414);
    assertThat(head.status).isEqualTo(200);
    assertThat(head.body).containsIgnoringCase("content-type: application/json").doesNotContain("\"status\"");
  }

  private record Curl(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  /** Runs curl; the status is what {@code -w %{http_code}} prints after the body. */
  private static Curl curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Tools.require("curl").toString(), "-s", "--max-time", "10",
        "-w", "\n%{http_code}"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
    String s = new String(out, StandardCharsets.UTF_8);
    int nl = s.lastIndexOf('\n');
    return new Curl(Integer.parseInt(s.substring(nl + 1).trim()), s.substring(0, nl));
  }
}
