package dev.cpo.agent.metrics;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus server (Debian's {@code /usr/bin/prometheus}) with its config and storage in a temporary
 * directory, on a free loopback port, scraping targets every second; queried over its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

  static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final int port;
  private final Path log;

  /**
   * @param jobs YAML of the scrape_configs entries, each starting with {@code - job_name:}
   */
  PrometheusServer(Path dir, String jobs) throws IOException {
    Path prometheus = Tools.require("prometheus");
    port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
        + "scrape_configs:\n" + jobs);
    log = dir.resolve("prometheus.log");
    process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("/-/ready").statusCode() == 200);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** An instant query's result vector: each element has {@code metric} (labels) and {@code value} [time, "v"]. */
  JsonNode query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new IllegalStateException("query " + promql + " failed: " + r.body());
    }
    return body.path("data").path("result");
  }

  /** The one value of a query whose result is a single sample, or NaN when it has none. */
  double scalar(String promql) throws IOException, InterruptedException {
    JsonNode result = query(promql);
    return result.size() == 1 ? Double.parseDouble(result.get(0).path("value").get(1).asText()) : Double.NaN;
  }

  /** The sample times (epoch ms) of a range query's one series, e.g. {@code up{job="cpo"}[1m]}. */
  List<Long> sampleTimes(String rangeSelector) throws IOException, InterruptedException {
    JsonNode result = query(rangeSelector);
    List<Long> out = new ArrayList<>();
    if (result.size() == 1) {
      for (JsonNode v : result.get(0).path("values")) {
        out.add(Math.round(v.get(0).asDouble() * 1000));
      }
    }
    return out;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
