package dev.cpo.agent.mqtt;

import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto for one test: a generated config (one listener on 127.0.0.1 and a free port),
 * started and stopped as a child process. Stopping is SIGTERM, so a persistent broker saves its
 * sessions and a restart on the same port resumes them.
 */
public final class Mosquitto {

  private final Path dir;
  private final int port;
  private final List<String> extraConfig = new ArrayList<>();
  private boolean persistence;
  private Process process;

  public Mosquitto(Path parent) throws IOException {
    Tools.require("mosquitto");
    this.dir = Files.createTempDirectory(parent, "mosquitto-");
    this.port = freePort();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Keeps sessions and queued QoS 1 messages across a stop and start (saved on SIGTERM). */
  public Mosquitto persistent() {
    persistence = true;
    return this;
  }

  /** Extra lines for the listener, e.g. {@code password_file ...} or TLS settings. */
  Mosquitto config(String line) {
    extraConfig.add(line);
    return this;
  }

  public int port() {
    return port;
  }

  public String url(String scheme) {
    return scheme + "://127.0.0.1:" + port;
  }

  public Mosquitto start() throws IOException {
    Path conf = dir.resolve("mosquitto.conf");
    List<String> lines = new ArrayList<>();
    lines.add("per_listener_settings false");
    // Run as whoever runs the test: as root, mosquitto would otherwise switch to the 'mosquitto' user,
    // which cannot write the test's temporary directory.
    lines.add("user " + System.getProperty("user.name"));
    lines.add("persistence " + persistence);
    if (persistence) {
      lines.add("persistence_location " + dir.toAbsolutePath() + "/");
      lines.add("autosave_interval 0");
    }
    lines.add("log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath());
    lines.add("log_type all");
    boolean passwords = extraConfig.stream().anyMatch(l -> l.startsWith("password_file"));
    lines.add("allow_anonymous " + !passwords);
    // Mosquitto leaves Nagle on by default; a latency-sensitive deployment turns it off too.
    lines.add("set_tcp_nodelay true");
    lines.add("listener " + port + " 127.0.0.1");
    lines.addAll(extraConfig);
    Files.write(conf, lines);
    process = new ProcessBuilder(Tools.require("mosquitto").toString(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(this::accepting);
    return this;
  }

  private boolean accepting() {
    if (!process.isAlive()) {
      throw new IllegalStateException("mosquitto exited: " + log());
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGTERM and wait: a persistent broker writes its database first. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  public String log() {
    try {
      Path log = dir.resolve("mosquitto.log");
      Path out = dir.resolve("mosquitto.out");
      return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

}
