package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes another package registers (text with content negotiation, static files, an event stream),
 * over real HTTP on a free loopback port.
 */
class PluggableRoutesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final SimulatedSwitch sim = RealSwitch.create();
  private final EventStream events = new EventStream("test", 8, 4, Duration.ofMillis(200));
  private ControlServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ControlServer(new ControlConfig("127.0.0.1", 0, ""), ControlService.builder()
        .telemetry(RealSwitch.snapshots(sim)).components(() -> Map.of("control-api", "running")).build());
    server.routes()
        .get("/metrics", req -> {
          String type = req.negotiate("application/openmetrics-text; version=1.0.0; charset=utf-8",
              "text/plain; version=0.0.4; charset=utf-8");
          if (type == null) {
            throw new ApiException(406, "not-acceptable", "offers OpenMetrics and Prometheus text");
          }
          return Response.text(200, type, type.startsWith("text/plain") ? "up 1\n" : "up 1\n# EOF\n");
        })
        .get("/", StaticFiles.classpath("dev/cpo/agent/control/www/"))
        .getPrefix("/console/", StaticFiles.classpath("dev/cpo/agent/control/www/"))
        .get("/api/v1/events", req -> Response.events(events, req.header("Last-Event-ID")));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
    sim.close();
  }

  @Test
  void aTextRouteAnswersTheTypeTheAcceptHeaderPrefers() throws Exception {
    HttpResponse<String> prom = get("/metrics", "Accept", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    HttpResponse<String> om = get("/metrics", "Accept",
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    HttpResponse<String> none = get("/metrics", "Accept", "image/png");
    HttpResponse<String> any = get("/metrics");

    assertThat(prom.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(prom.body()).isEqualTo("up 1\n");
    assertThat(om.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/openmetrics-text"));
    assertThat(om.body()).endsWith("# EOF\n");
    assertThat(none.statusCode()).isEqualTo(406);
    assertThat(any.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/openmetrics-text"));
  }

  @Test
  void headAnswersAGetRouteWithItsHeadersAndNoBody() throws Exception {
    HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/health"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> get = get("/api/v1/health");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
    assertThat(head.headers().firstValueAsLong("content-length")).isPresent();
    assertThat(get.statusCode()).isEqualTo(200);
  }

  @Test
  void staticFilesHaveTheirContentTypeAndAnETagThatRevalidates() throws Exception {
    HttpResponse<String> index = get("/");
    HttpResponse<String> js = get("/console/app.js");
    HttpResponse<String> css = get("/console/css/site.css");
    HttpResponse<String> json = get("/console/data.json?v=2");
    String etag = js.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> again = get("/console/app.js", "If-None-Match", etag);

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(index.body()).contains("test console");
    assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(css.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    assertThat(json.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void aPathThatWouldLeaveTheFolderIsRefusedAndAMissingFileIs404() throws Exception {
    // Sent raw, since an HTTP client normalises dot segments away before sending.
    for (String path : new String[] {"/console/../secret/key.txt", "/console/%2e%2e/secret/key.txt",
        "/console/css/..%2f..%2fsecret/key.txt", "/console/%2e%2e%5csecret%5ckey.txt", "/console//etc/passwd",
        "/console/css/%00.css"}) {
      String res = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(res).as(path).startsWith("HTTP/1.1 400").doesNotContain("not for the web");
    }
    assertThat(get("/console/nope.js").statusCode()).isEqualTo(404);
    assertThat(get("/console/css").statusCode()).isEqualTo(404);
  }

  @Test
  void anEventStreamSendsEventsKeepAliveCommentsAndReplaysAfterLastEventId() throws Exception {
    try (Socket s = open("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")) {
      BufferedReader in = reader(s);
      assertThat(readUntil(in, "")).contains("HTTP/1.1 200").containsIgnoringCase("content-type: text/event-stream")
          .containsIgnoringCase("transfer-encoding: chunked");
      await().atMost(Duration.ofSeconds(5)).until(() -> events.clients() == 1);
      events.publish("alarm", "{\"id\":\"a1\"}\nsecond line");

      assertThat(readUntil(in, "data: second line")).contains("id: 1").contains("event: alarm")
          .contains("data: {\"id\":\"a1\"}");
      assertThat(readUntil(in, ": keep-alive")).contains(": keep-alive");
    }
    events.publish("alarm", "two");
    events.publish("alarm", "three");
    try (Socket s = open("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: 2\r\n\r\n")) {
      String got = readUntil(reader(s), "data: three");
      assertThat(got).contains("id: 3").doesNotContain("data: two");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> events.clients() == 0);
  }

  @Test
  void eventsPublishedTogetherArriveInOneChunkEachWithItsOwnIdAndAreReplayedOneByOne() throws Exception {
    try (Socket s = open("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")) {
      BufferedReader in = reader(s);
      readUntil(in, "");
      await().atMost(Duration.ofSeconds(5)).until(() -> events.clients() == 1);
      long last = events.publish(List.of(new EventStream.Event("tick", "{\"sequence\":7}"),
          new EventStream.Event("states", "{\"port17\":[\"down\",\"major\"]}"), new EventStream.Event(null, "plain")));

      assertThat(last).isEqualTo(3);
      String read = readUntil(in, "data: plain");
      // One chunk: its size line (a keep-alive's chunk may come before it), then the three frames with no
      // other size line between them: the size covers all read after it, and the last frame's closing blank line.
      String chunk = read.substring(read.lastIndexOf('\n', read.indexOf("id: 1\n") - 2) + 1);
      String sizeLine = chunk.substring(0, chunk.indexOf('\n'));
      int readAfterIt = chunk.length() - sizeLine.length() - 1;
      assertThat(Integer.parseInt(sizeLine.trim(), 16)).isEqualTo(readAfterIt + 1);
      assertThat(chunk).contains("id: 1\nevent: tick\ndata: {\"sequence\":7}\n\n")
          .contains("id: 2\nevent: states\ndata: {\"port17\":[\"down\",\"major\"]}\n\n")
          .contains("id: 3\ndata: plain");
    }
    try (Socket s = open("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: 1\r\n\r\n")) {
      String got = readUntil(reader(s), "data: plain");
      assertThat(got).doesNotContain("event: tick").contains("id: 2").contains("id: 3");
    }
    assertThatThrownBy(() -> events.publish(List.of(new EventStream.Event("ok", "x"), new EventStream.Event("two\nlines", "y"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two\nlines");
    // Refused whole: nothing of it was sent or numbered.
    assertThat(events.publish("after", "z")).isEqualTo(4);
  }

  @Test
  void aClientThatDoesNotReadIsDroppedOnceItsQueueIsFull() throws Exception {
    try (Socket s = open("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> events.clients() == 1);
      String big = "x".repeat(64 * 1024);
      // Never read: the socket buffers fill, the channel stops taking writes, the queue of 8 fills.
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        events.publish("bulk", big);
        return events.droppedClients() == 1;
      });
      assertThat(events.clients()).isZero();
    }
  }

  @Test
  void registeringAMethodAndPathTwiceIsRefusedNamingIt() {
    assertThatThrownBy(() -> server.routes().get("/metrics", req -> Response.empty(204)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /metrics");
    assertThatThrownBy(() -> server.routes().get("/api/v1/health", req -> Response.empty(204)))
        .hasMessageContaining("GET /api/v1/health");
    assertThat(server.routes().list()).contains("GET /metrics", "GET /console/*", "POST /api/v1/faults");
  }

  @Test
  void aRouteAddedAfterStartIsServedAndAnUnknownMethodOnItIs405() throws Exception {
    server.routes().post("/api/v1/echo", req -> Response.json(200, req.json()));

    HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/echo")).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrong = get("/api/v1/echo");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"a\" : 1");
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("allow")).hasValue("POST");
  }

  private URI uri(String path) {
    return URI.create(server.url() + path);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Socket open(String request) throws Exception {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  private String raw(String request) throws Exception {
    try (Socket s = open(request)) {
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static BufferedReader reader(Socket s) throws Exception {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Lines read up to and including the first equal to {@code last}. */
  private static String readUntil(BufferedReader in, String last) throws Exception {
    StringBuilder b = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      b.append(line).append('\n');
      if (line.equals(last)) {
        return b.toString();
      }
    }
    throw new AssertionError("stream ended before '" + last + "': " + b);
  }
}
