package dev.cpo.agent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.lifecycle.StartRefused;
import dev.cpo.agent.mqtt.AgentCredentials;
import dev.cpo.agent.mqtt.EmbeddedBroker;
import dev.cpo.agent.mqtt.MqttConfig;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * {@code bench --broker}: the busiest MQTT traffic the embedded broker sustains, against a real
 * Mosquitto. A child {@code fleet --switches 8} (as typed) publishes its live traffic for a while, and
 * one {@code cpo/v1/#} subscriber records it (topics and payloads, the retained birth left out). That
 * traffic is then replayed, at rising rates, through the embedded Moquette (as the product configures
 * it, in this JVM) and through a {@code mosquitto} this bench starts on a free port (its defaults, one
 * loopback listener), each with one QoS 0 {@code cpo/v1/#} subscriber (Paho, as consumers use). A rate
 * is sustained when the publisher reached it and the subscriber got every message by a second after
 * the step ended; the figure is the highest rate sustained, the steps doubling from 1,000 msg/s until
 * the first one that is not.
 */
public final class BrokerBench {

  static final int FLEET = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FIRST_RATE = 1000;
  private static final int MAX_RATE = 256_000;

  /**
   * One replay step on one broker.
   *
   * @param received by a second after the step ended (kept up)
   * @param eventually once nothing more arrived for a second (the rest was lost)
   */
  record Step(String broker, int offered, double published, double delivered, long sent, long received,
      long eventually) {
    boolean sustained() {
      return received == sent && published >= offered * 0.95;
    }

    long lost() {
      return sent - eventually;
    }
  }

  /** One message of the recorded fleet traffic. */
  record Message(String topic, byte[] payload) {}

  private final PrintWriter progress;
  private final ConfigSource config;
  private final Duration capture;
  private final Duration step;
  private final List<String> notMeasured = new ArrayList<>();
  private double fleetRate;
  private int fleetMessages;

  public BrokerBench(PrintWriter progress, ConfigSource config, boolean quick) {
    this.progress = progress;
    this.config = config;
    this.capture = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(15);
    this.step = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
  }

  /** Records the fleet's traffic, then replays it through both brokers; a broker that cannot run is named in {@link #notMeasured()}. */
  public List<Step> run() throws IOException, InterruptedException, ConfigException {
    List<Message> traffic = record();
    List<Step> steps = new ArrayList<>();
    AgentCredentials agent = AgentCredentials.random();
    EmbeddedBroker moquette = new EmbeddedBroker(
        config.load(List.of("mqtt.embedded.port=0")).get(MqttConfig.SECTION).embedded(), agent);
    try {
      moquette.start();
      steps.addAll(replay("embedded Moquette", moquette.port(), agent.username(), agent.password(), traffic));
    } catch (IOException | StartRefused | RuntimeException e) {
      notMeasured.add("embedded Moquette: " + e.getMessage());
    } finally {
      moquette.stop();
    }
    var mosquitto = Programs.find("mosquitto");
    if (mosquitto.isEmpty()) {
      notMeasured.add("Mosquitto: mosquitto is not installed (apt-get install mosquitto)");
      return steps;
    }
    int port = FreePorts.tcp();
    Path dir = Files.createTempDirectory("cpo-broker-bench");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Process p = new ProcessBuilder(mosquitto.get().toString(), "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    try {
      awaitListening(port, p);
      steps.addAll(replay("Mosquitto " + version(mosquitto.get()), port, null, null, traffic));
    } catch (IOException e) {
      notMeasured.add("Mosquitto: " + e.getMessage());
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    return steps;
  }

  public List<String> notMeasured() {
    return List.copyOf(notMeasured);
  }

  /** The fleet's own publish rate while recorded (msg/s), for the table's heading. */
  public double fleetRate() {
    return fleetRate;
  }

  /** Starts the child fleet, waits until every switch publishes, and records {@link #capture} of its traffic. */
  private List<Message> record() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("cpo-broker-bench-fleet");
    int broker = FreePorts.tcp();
    List<String> cmd = new ArrayList<>(ChildAgent.javaCommand());
    cmd.addAll(List.of("fleet", "--switches", Integer.toString(FLEET), "--set", "snmp.port=0", "--set",
        "control.port=0", "--set", "gnmi.port=0", "--set", "mqtt.embedded.port=" + broker, "--set",
        "traps.port=" + FreePorts.udp(), "--set", "state.dir=" + dir.resolve("state")));
    step("recording: starting java -jar cpo-agent.jar fleet --switches " + FLEET);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("fleet.log").toFile())
        .start();
    try {
      awaitListening(broker, p);
      try (Recorder r = new Recorder("tcp://127.0.0.1:" + broker)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (r.switches().size() < FLEET) {
          if (!p.isAlive() || System.nanoTime() > deadline) {
            throw new IOException("the fleet did not publish from all " + FLEET + " switches within 120 s; see "
                + dir.resolve("fleet.log"));
          }
          pause(Duration.ofMillis(200));
        }
        // A little longer, past the births of the last switches to start.
        pause(Duration.ofSeconds(5));
        r.recording = true;
        long t0 = System.nanoTime();
        pause(capture);
        r.recording = false;
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Message> out;
        synchronized (r.messages) {
          out = List.copyOf(r.messages);
        }
        fleetRate = out.size() / seconds;
        fleetMessages = out.size();
        long bytes = out.stream().mapToLong(m -> m.payload().length).sum();
        step(String.format(Locale.ROOT, "recorded %d messages of the fleet of %d in %.1f s (%.0f msg/s, %.0f bytes"
            + " a message on average)", out.size(), FLEET, seconds, fleetRate, out.isEmpty() ? 0.0
            : (double) bytes / out.size()));
        if (out.isEmpty()) {
          throw new IOException("the fleet published nothing while recorded");
        }
        return out;
      }
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** Replays the traffic at rising rates until a step is not sustained. */
  private List<Step> replay(String name, int port, String user, String password, List<Message> traffic)
      throws IOException, InterruptedException {
    List<Step> out = new ArrayList<>();
    try (MqttCounter sub = new MqttCounter("tcp://127.0.0.1:" + port, "cpo-broker-bench-sub-");
         RawPublisher pub = new RawPublisher(port, user, password)) {
      int cursor = 0;
      for (int rate = FIRST_RATE; rate <= MAX_RATE; rate *= 2) {
        long before = sub.count.get();
        long total = rate * step.toSeconds();
        long t0 = System.nanoTime();
        long sent = 0;
        while (sent < total) {
          long due = Math.min(total, (System.nanoTime() - t0) * rate / 1_000_000_000L + 1);
          while (sent < due) {
            Message m = traffic.get(cursor);
            cursor = (cursor + 1) % traffic.size();
            pub.publish(m.topic(), m.payload());
            sent++;
          }
          pub.flush();
          if (sent < total && (System.nanoTime() - t0) * rate / 1_000_000_000L + 1 <= sent) {
            // Ahead of the rate: wait a millisecond's worth.
            LockSupport.parkNanos(1_000_000L);
          }
        }
        double published = sent / ((System.nanoTime() - t0) / 1e9);
        long end = System.nanoTime();
        long deadline = end + TimeUnit.SECONDS.toNanos(1);
        while (sub.count.get() - before < sent && System.nanoTime() < deadline) {
          LockSupport.parkNanos(5_000_000L);
        }
        long received = sub.count.get() - before;
        double delivered = received / ((System.nanoTime() - t0) / 1e9);
        // Whatever is still on its way: late, not lost, once it arrives (nothing more for a second, 20 s at most).
        long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = sub.count.get();
        while (System.nanoTime() < quiet && System.nanoTime() < stop && last - before < sent) {
          LockSupport.parkNanos(50_000_000L);
          if (sub.count.get() != last) {
            last = sub.count.get();
            quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
          }
        }
        Step s = new Step(name, rate, published, delivered, sent, received, sub.count.get() - before);
        out.add(s);
        step(String.format(Locale.ROOT, "%s: offered %d msg/s, published %.0f, delivered %.0f msg/s, %d of %d received"
            + " in time, %d lost%s", name, rate, published, delivered, received, sent, s.lost(),
            s.sustained() ? "" : " -> not sustained"));
        if (!s.sustained()) {
          break;
        }
      }
    }
    return out;
  }

  /** Per broker: the highest rate sustained, and the step that was not. */
  public List<String> table(List<Step> steps) {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "MQTT replay of a fleet of %d's traffic (%d messages recorded, %.0f msg/s live),"
        + " one QoS 0 cpo/v1/# subscriber, %d s a step:", FLEET, fleetMessages, fleetRate, step.toSeconds()));
    out.add("| broker | sustained without loss, msg/s | first step not sustained: offered, published, delivered msg/s;"
        + " late; lost |");
    out.add("|---|---|---|");
    List<String> brokers = new ArrayList<>();
    steps.forEach(s -> {
      if (!brokers.contains(s.broker())) {
        brokers.add(s.broker());
      }
    });
    for (String b : brokers) {
      int best = 0;
      String failed = "none up to " + MAX_RATE;
      for (Step s : steps) {
        if (!s.broker().equals(b)) {
          continue;
        }
        if (s.sustained()) {
          best = Math.max(best, s.offered());
        } else {
          failed = String.format(Locale.ROOT, "%d, %.0f, %.0f; %d; %d of %d", s.offered(), s.published(),
              s.delivered(), s.eventually() - s.received(), s.lost(), s.sent());
        }
      }
      out.add(String.format(Locale.ROOT, "| %s | %s | %s |", b, best == 0 ? "below " + FIRST_RATE : Integer.toString(best),
          failed));
    }
    return out;
  }

  public void writeJson(List<Step> steps, Path file) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("fleet_switches", FLEET);
    o.put("fleet_msgs_per_s", fleetRate);
    o.put("step_seconds", step.toSeconds());
    ArrayNode a = o.putArray("steps");
    for (Step s : steps) {
      ObjectNode j = a.addObject();
      j.put("broker", s.broker());
      j.put("offered_msgs_per_s", s.offered());
      j.put("published_msgs_per_s", s.published());
      j.put("delivered_msgs_per_s", s.delivered());
      j.put("sent", s.sent());
      j.put("received_in_time", s.received());
      j.put("lost", s.lost());
      j.put("sustained", s.sustained());
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), o);
  }

  private static String version(Path mosquitto) {
    try {
      Process p = new ProcessBuilder(mosquitto.toString(), "-h").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.SECONDS);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("version (\\S+)").matcher(out);
      return m.find() ? m.group(1) : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static void awaitListening(int port, Process p) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IOException("exited with " + p.exitValue() + " before listening on " + port);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("not listening on " + port + " within 120 s");
        }
        LockSupport.parkNanos(100_000_000L);
      }
    }
  }

  private void step(String line) {
    progress.println("bench: " + line);
    progress.flush();
  }

  private static void pause(Duration d) throws InterruptedException {
    new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A bare MQTT 3.1.1 QoS 0 publisher on one socket, so the rate offered is not the limit of a client
   * library: CONNECT (with the agent's credentials for the embedded broker, whose policy lets only the
   * agent publish under cpo/v1/), then PUBLISH packets written through a buffer.
   */
  private static final class RawPublisher implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    RawPublisher(int port, String user, String password) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      ByteArrayOutputStream v = new ByteArrayOutputStream();
      string(v, "MQTT");
      v.write(4);
      v.write(0x02 | (user != null ? 0xC0 : 0));
      v.write(0);
      v.write(60);
      string(v, "cpo-broker-bench-pub-" + ProcessHandle.current().pid());
      if (user != null) {
        string(v, user);
        string(v, password);
      }
      packet(0x10, v.toByteArray());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int type = in.readUnsignedByte();
      in.readUnsignedByte();
      in.readUnsignedByte();
      int code = in.readUnsignedByte();
      if (type != 0x20 || code != 0) {
        throw new IOException("the broker refused the publisher's CONNECT (CONNACK return code " + code + ")");
      }
    }

    void publish(String topic, byte[] payload) throws IOException {
      byte[] t = topic.getBytes(StandardCharsets.UTF_8);
      int length = 2 + t.length + payload.length;
      out.write(0x30);
      do {
        int b = length % 128;
        length /= 128;
        out.write(length > 0 ? b | 0x80 : b);
      } while (length > 0);
      out.write(t.length >> 8);
      out.write(t.length & 0xFF);
      out.write(t);
      out.write(payload);
    }

    void flush() throws IOException {
      out.flush();
    }

    private void packet(int type, byte[] body) throws IOException {
      out.write(type);
      int length = body.length;
      do {
        int b = length % 128;
        length /= 128;
        out.write(length > 0 ? b | 0x80 : b);
      } while (length > 0);
      out.write(body);
    }

    private static void string(ByteArrayOutputStream v, String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      v.write(b.length >> 8);
      v.write(b.length & 0xFF);
      v.writeBytes(b);
    }

    @Override
    public void close() throws IOException {
      out.write(0xE0);
      out.write(0);
      out.flush();
      socket.close();
    }
  }

  /** Records the live (not retained) messages while {@link #recording}, and which switches publish. */
  private static final class Recorder extends MqttCounter {
    final List<Message> messages = new ArrayList<>();
    private final Set<String> switches = new HashSet<>();
    volatile boolean recording;

    Recorder(String url) throws IOException {
      super(url, "cpo-broker-bench-rec-");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      String[] levels = topic.split("/");
      synchronized (messages) {
        if (levels.length > 2) {
          switches.add(levels[2]);
        }
        if (recording && !message.isRetained()) {
          messages.add(new Message(topic, message.getPayload()));
        }
      }
    }

    Set<String> switches() {
      synchronized (messages) {
        return Set.copyOf(switches);
      }
    }
  }
}
