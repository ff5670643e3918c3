package dev.cpo.agent.mqtt;

import dev.cpo.agent.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The README's consumer, the real {@code mosquitto_sub -V mqttv5 -v -t <filter>} (QoS 0 unless extra
 * arguments say otherwise), its output read line by line as it comes, each line split into topic and
 * payload. mosquitto_sub prints an empty payload (a cleared retained alarm) as {@code (null)}: here
 * it is the empty string.
 */
public final class MosquittoSub implements AutoCloseable {

  /** One printed message. */
  public record Line(String topic, String payload) {

    static Line parse(String text) {
      int space = text.indexOf(' ');
      String payload = space < 0 ? "" : text.substring(space + 1);
      return new Line(space < 0 ? text : text.substring(0, space), payload.equals("(null)") ? "" : payload);
    }
  }

  private final Process process;
  private final Path stderr;
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private MosquittoSub(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::read, "mosquitto_sub-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes to {@code filter} on 127.0.0.1:{@code port}; {@code extra} e.g. {@code -W 4} or {@code -q 1}. */
  public static MosquittoSub start(Path dir, int port, String filter, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(Tools.require("mosquitto_sub").toString(), "-h", "127.0.0.1",
        "-p", Integer.toString(port), "-V", "mqttv5", "-v", "-t", filter));
    command.addAll(List.of(extra));
    Path stderr = Files.createTempFile(dir, "mosquitto_sub-", ".err");
    Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    return new MosquittoSub(p, stderr);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        lines.add(Line.parse(l));
      }
    } catch (IOException e) {
      // The process was destroyed while a line was being read: what was read so far stands.
      lines.add(new Line("(read failed)", e.toString()));
    }
  }

  /** Waits for mosquitto_sub to exit by itself (e.g. its {@code -W} timeout) and for its output to be read. */
  List<Line> awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("mosquitto_sub still running after " + seconds + " s");
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
    return List.copyOf(lines);
  }

  /** The lines read so far. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** What mosquitto_sub wrote on stderr (its connection errors), for assertion messages. */
  public String errors() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
