package dev.cpo.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lab console open in a real headless Chromium, as a tester leaves it open: Debian's {@code chromium} loads
 * the page from the agent and runs it (faceplate, event stream), and this class asks the page through the Chrome
 * DevTools Protocol (Runtime.evaluate over the browser's own WebSocket, with the JDK's HTTP client) until the page
 * says it is live. No chromedriver and no Selenium in the product: the browser is all a bench run needs.
 */
final class ConsolePage implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process browser;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final WebSocket devtools;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

  private ConsolePage(Process browser, String devtoolsUrl) throws IOException, InterruptedException {
    this.browser = browser;
    StringBuilder partial = new StringBuilder();
    this.devtools = http.newWebSocketBuilder().buildAsync(URI.create(devtoolsUrl), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          reply(partial.toString());
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }
    }).join();
  }

  /** The chromium executable, if installed (Debian's package {@code chromium}). */
  static java.util.Optional<Path> chromium() {
    return Programs.find("chromium");
  }

  /**
   * Opens {@code url} in a new headless Chromium with a fresh profile under {@code dir}; returns once the browser
   * has the page (not yet once the page is live: see {@link #awaitLive}).
   */
  static ConsolePage open(Path chromium, Path dir, String url) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(Files.createDirectories(dir), "chromium-profile");
    Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1440,900", url))
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p), "bench-chromium-stop"));
    try {
      return new ConsolePage(p, pageSocket(p, profile.resolve("DevToolsActivePort"), url));
    } catch (IOException | RuntimeException e) {
      stop(p);
      throw e;
    }
  }

  /** The page target's DevTools WebSocket, once Chromium has written its port and listed the page. */
  private static String pageSocket(Process p, Path activePort, String url) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("chromium exited with " + p.exitValue() + " (see " + activePort.resolveSibling("chromium.log") + ")");
      }
      if (Files.isReadable(activePort)) {
        List<String> lines = Files.readAllLines(activePort);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          HttpResponse<String> list = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + lines.get(0).trim() + "/json/list")).build(),
              HttpResponse.BodyHandlers.ofString());
          for (JsonNode target : JSON.readTree(list.body())) {
            if ("page".equals(target.path("type").asText()) && target.path("url").asText().startsWith(url)) {
              return target.path("webSocketDebuggerUrl").asText();
            }
          }
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IOException("chromium did not open " + url + " within 30 s");
  }

  /**
   * Waits until the page's link badge says {@code live} (it has read the layout and the picture and follows the
   * event stream) and the faceplate shows entities; returns how many.
   */
  int awaitLive(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      JsonNode r = evaluate("(() => { const l = document.getElementById('link');"
          + " return (l ? l.dataset.link : 'no page') + ' ' + document.querySelectorAll('[data-entity]').length; })()");
      last = r.path("result").path("result").path("value").asText();
      String[] parts = last.split(" ");
      if (parts.length == 2 && "live".equals(parts[0]) && Integer.parseInt(parts[1]) > 0) {
        return Integer.parseInt(parts[1]);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IOException("the console page was not live within " + limit.toSeconds() + " s (it said: " + last + ")");
  }

  /**
   * Clicks the faceplate element of {@code entity}, as a tester selects it: the detail panel then reads its
   * readings on every snapshot and its history chart.
   */
  void select(String entity) throws IOException, InterruptedException {
    String found = evaluate("(() => { const n = document.querySelector('[data-entity=\"" + entity + "\"]');"
        + " if (!n) return 'missing'; n.click(); return 'clicked'; })()").path("result").path("result").path("value")
        .asText();
    if (!"clicked".equals(found)) {
      throw new IOException("the console page has no element for " + entity);
    }
  }

  /** Whether the page still follows the stream. */
  boolean live() throws IOException, InterruptedException {
    return evaluate("document.getElementById('link').dataset.link").path("result").path("result").path("value")
        .asText().equals("live");
  }

  private JsonNode evaluate(String expression) throws IOException, InterruptedException {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    String message = JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate",
        "params", Map.of("expression", expression, "returnByValue", true)));
    devtools.sendText(message, true).join();
    try {
      return reply.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("chromium did not answer Runtime.evaluate: " + e, e);
    } finally {
      replies.remove(id);
    }
  }

  private void reply(String text) {
    try {
      JsonNode msg = JSON.readTree(text);
      CompletableFuture<JsonNode> f = msg.has("id") ? replies.get(msg.get("id").asInt()) : null;
      if (f != null) {
        f.complete(msg);
      }
    } catch (IOException e) {
      // A message that is not JSON answers nothing we asked; the caller's wait times out and says so.
    }
  }

  @Override
  public void close() {
    try {
      devtools.abort();
    } finally {
      stop(browser);
    }
  }

  /** Ends the browser and the processes it started (renderer, GPU, zygote), and only those. */
  private static void stop(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
