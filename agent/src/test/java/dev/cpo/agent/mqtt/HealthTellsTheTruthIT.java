package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.testing.Tools;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/health} and {@code POST /api/v1/config/reload} of the whole product say what is
 * true: MQTT degraded, with the broker's reason, while a real Mosquitto refuses the agent; the reload
 * lists the threshold it changed.
 */
class HealthTellsTheTruthIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  private Product product;
  private Mosquitto mosquitto;

  @AfterEach
  void stop() throws Exception {
    if (product != null) {
      product.stop();
    }
    if (mosquitto != null) {
      mosquitto.stop();
    }
  }

  private void start(String... sets) throws Exception {
    int trapPort;
    try (DatagramSocket s = new DatagramSocket(0)) {
      trapPort = s.getLocalPort();
    }
    List<String> all = new ArrayList<>(List.of("snmp.port=0", "gnmi.port=0", "control.port=0", "mqtt.embedded.port=0",
        "traps.port=" + trapPort, "state.dir=" + dir.resolve("state")));
    all.addAll(List.of(sets));
    product = Product.of(AgentSections.load(null, all));
    product.start();
  }

  @Test
  void healthSaysMqttIsDegradedWithTheBrokersReasonWhileMosquittoRefusesTheAgent() throws Exception {
    Path passwords = dir.resolve("passwd");
    Process p = new ProcessBuilder(Tools.require("mosquitto_passwd").toString(), "-c", "-b", passwords.toString(),
        "agent", "right-secret").redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    mosquitto = new Mosquitto(dir).config("password_file " + passwords).start();

    start("mqtt.url=" + mosquitto.url("tcp"), "mqtt.username=agent", "mqtt.password=wrong-secret");

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      JsonNode h = get("/api/v1/health");
      assertThat(h.path("status").asText()).isEqualTo("degraded");
      assertThat(h.path("components").path("mqtt").asText()).startsWith("degraded: ")
          .contains("not authorized").endsWith(", retrying");
      assertThat(h.path("components").path("snmp").asText()).isEqualTo("running");
    });
  }

  @Test
  void healthIsOkOnceTheEmbeddedBrokerHasTheAgent() throws Exception {
    start();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode h = get("/api/v1/health");
      assertThat(h.path("components").path("mqtt").asText()).isEqualTo("running");
      assertThat(h.path("status").asText()).isEqualTo("ok");
    });
  }

  @Test
  void aReloadAfterAThresholdChangeListsTheLevelItApplied() throws Exception {
    Path thresholds = dir.resolve("thresholds.yaml");
    Files.copy(Tools.repoRoot().resolve("config/thresholds.yaml"), thresholds);
    start("alarms.thresholdsFile=" + thresholds);
    String yaml = Files.readString(thresholds);
    int bias = yaml.indexOf("laser.bias:");
    int high = yaml.indexOf("highAlarm:", bias);
    int eol = yaml.indexOf('\n', high);
    Files.writeString(thresholds, yaml.substring(0, high) + "highAlarm: 999" + yaml.substring(eol));

    JsonNode r = post("/api/v1/config/reload");

    assertThat(r.path("applied")).extracting(JsonNode::asText).containsExactly("thresholds.classes.laser.bias.highAlarm");
    assertThat(post("/api/v1/config/reload").path("applied").isEmpty()).isTrue();
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(product.control().url() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private JsonNode post(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(product.control().url() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
