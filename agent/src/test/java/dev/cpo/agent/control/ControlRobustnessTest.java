package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Garbage in never crashes or wedges the API: each gets an error or a closed connection, and it keeps serving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlRobustnessTest {

  private static final String VALID = "{\"type\":\"laser-degradation\",\"target\":\"els3/laser5\",\"driftPercentPerDay\":20}";

  private static final String ALPHABET = "{}[]\":,0123456789abcxyz-. \\";

  private final SimulatedSwitch sim = RealSwitch.create();
  private final HttpClient http = HttpClient.newHttpClient();
  private ControlServer server;

  @BeforeAll
  void start() throws Exception {
    server = new ControlServer(new ControlConfig("127.0.0.1", 0, ""), ControlService.builder()
        .telemetry(RealSwitch.snapshots(sim)).simulator(sim).components(Map::of).build());
    server.start();
  }

  @AfterAll
  void stop() {
    server.stop();
    sim.close();
  }

  @Test
  void mutatedFaultRequestsAreEachAnsweredWithoutAServerError() throws Exception {
    Random random = new Random(42);
    int created = 0;
    for (int i = 0; i < 300; i++) {
      String body = mutate(VALID, random);
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/faults"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).as("body %s -> %s", body, res.body()).isIn(201, 400, 409);
      if (res.statusCode() == 201) {
        created++;
      } else {
        assertThat(res.body()).contains("\"error\"").contains("\"detail\"");
      }
    }
    // Only the requests that survived mutation intact created faults.
    assertThat(sim.faults().active()).hasSize(created);
  }

  @Test
  void garbageThatIsNotHttpGetsA400OrAClosedConnectionAndTheServerKeepsServing() throws Exception {
    byte[][] garbage = {
        "\u0000\u0001\u0002\u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
        "GET /api/v1/health HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        ("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
        "POST /api/v1/faults HTTP/1.1\r\nContent-Length: -5\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
    };
    for (byte[] g : garbage) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        out.write(g);
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[12];
        int n = in.readNBytes(buf, 0, buf.length);
        String head = new String(buf, 0, n, StandardCharsets.US_ASCII);
        // Either refused (4xx) or, for an odd but parseable request, answered; never a 5xx or a hang.
        assertThat(n == 0 || head.matches("HTTP/1\\.1 [24]\\d\\d.*")).as("answer to garbage: '%s'", head).isTrue();
      }
    }
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  /** Deletes, duplicates or replaces a few characters. */
  private static String mutate(String s, Random r) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(3)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, sb.charAt(at));
        default -> sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }
}
