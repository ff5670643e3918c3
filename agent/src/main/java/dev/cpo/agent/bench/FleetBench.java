package dev.cpo.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * {@code bench --fleet N}: for 1, 8, 32, 64 ... up to N switches, a child JVM runs
 * {@code java -jar cpo-agent.jar fleet --switches n} (as a user types it: the jar gives itself its
 * options, its heap scaled by the switch count), and this measures, once it is warm: whether every
 * switch kept its 1 s poll period (the slowest switch's polls per second), whether every SNMP endpoint
 * answers, the process's CPU share, resident memory and live heap after a full GC, and the MQTT
 * messages per second the embedded broker delivered to one {@code cpo/v1/#} subscriber. Per added
 * switch: the differences from the previous size, divided by the switches added.
 */
public final class FleetBench {

  /** The sizes measured, those at most N, and N itself. */
  static final int[] STEPS = {1, 8, 32, 64};

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  /** One size's figures. */
  record Row(int switches, double startupSeconds, double slowestPollsPerSecond, int snmpAnswering, double cpuPercent,
      double rssMib, double heapUsedMib, double mqttPerSecond) {}

  private final PrintWriter progress;
  private final Duration warmup;
  private final Duration window;

  public FleetBench(PrintWriter progress, boolean quick) {
    this.progress = progress;
    this.warmup = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
    this.window = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
  }

  /** The sizes to measure for {@code max}. */
  static List<Integer> sizes(int max) {
    List<Integer> out = new ArrayList<>();
    for (int s : STEPS) {
      if (s < max) {
        out.add(s);
      }
    }
    out.add(max);
    return out;
  }

  /** Sizes that could not be measured, each with the reason (printed under the table). */
  private final List<String> notMeasured = new ArrayList<>();

  /** Measures every size in turn; a size that fails is named in {@link #notMeasured()} and the next goes on. */
  public List<Row> run(int max) throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    for (int n : sizes(max)) {
      try {
        rows.add(measure(n));
      } catch (IOException e) {
        notMeasured.add(n + " switches: " + e.getMessage());
        step("fleet of " + n + ": not measured: " + e.getMessage());
      }
    }
    return rows;
  }

  /** The sizes that failed, with why. */
  public List<String> notMeasured() {
    return List.copyOf(notMeasured);
  }

  private Row measure(int n) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("cpo-fleet-bench");
    int base = consecutiveUdp(n);
    int control = FreePorts.tcp();
    int broker = FreePorts.tcp();
    step("fleet of " + n + ": starting java -jar cpo-agent.jar fleet --switches " + n + " (SNMP udp " + base + "-"
        + (base + n - 1) + ")");
    List<String> cmd = new ArrayList<>(ChildAgent.javaCommand());
    cmd.addAll(List.of("fleet", "--switches", Integer.toString(n), "--set", "snmp.port=" + base, "--set",
        "control.port=" + control, "--set", "gnmi.port=0", "--set", "mqtt.embedded.port=" + broker, "--set", "traps.port=" + FreePorts.udp(),
        "--set", "state.dir=" + dir.resolve("state")));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("fleet.log").toFile())
        .start();
    try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
      snmp.listen();
      awaitAll(snmp, p, base, n, Duration.ofSeconds(60L + 5L * n));
      double startup = (System.nanoTime() - t0) / 1e9;
      step("fleet of " + n + ": every SNMP endpoint answered after " + format(startup) + " s; warming up "
          + warmup.toSeconds() + " s");
      pause(warmup);
      try (MqttCounter mqtt = new MqttCounter("tcp://127.0.0.1:" + broker, "cpo-fleet-bench-")) {
        long[] seq0 = sequences(control, n);
        long cpu0 = cpuTicks(p.pid());
        long w0 = System.nanoTime();
        long m0 = mqtt.count.get();
        pause(window);
        long m1 = mqtt.count.get();
        long cpu1 = cpuTicks(p.pid());
        long[] seq1 = sequences(control, n);
        double wall = (System.nanoTime() - w0) / 1e9;
        double slowest = Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
          slowest = Math.min(slowest, (seq1[k] - seq0[k]) / wall);
        }
        int answering = answering(snmp, base, n);
        double cpu = 100.0 * (cpu1 - cpu0) / CLOCK_TICKS_PER_SECOND / wall;
        double rss = status(p.pid(), "VmRSS");
        double heap = heapUsedAfterGc(p.pid());
        Row row = new Row(n, startup, slowest, answering, cpu, rss, heap, (m1 - m0) / wall);
        step("fleet of " + n + ": " + row);
        return row;
      }
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** The table, with per-added-switch differences. */
  public static List<String> table(List<Row> rows) {
    List<String> out = new ArrayList<>();
    out.add("| switches | startup s | slowest switch polls/s | SNMP answering | CPU % of a core | RSS MiB | live heap MiB"
        + " | MQTT msg/s | per added switch: heap MiB, CPU %, RSS MiB |");
    out.add("|---|---|---|---|---|---|---|---|---|");
    Row prev = null;
    for (Row r : rows) {
      String per = "-";
      if (prev != null) {
        int added = r.switches() - prev.switches();
        per = String.format(Locale.ROOT, "%.2f, %.3f, %.2f", (r.heapUsedMib() - prev.heapUsedMib()) / added,
            (r.cpuPercent() - prev.cpuPercent()) / added, (r.rssMib() - prev.rssMib()) / added);
      }
      out.add(String.format(Locale.ROOT, "| %d | %.1f | %.3f | %d/%d | %.2f | %.1f | %.1f | %.0f | %s |", r.switches(),
          r.startupSeconds(), r.slowestPollsPerSecond(), r.snmpAnswering(), r.switches(), r.cpuPercent(), r.rssMib(),
          r.heapUsedMib(), r.mqttPerSecond(), per));
      prev = r;
    }
    return out;
  }

  /** The rows as JSON, one object per size. */
  public static void writeJson(List<Row> rows, Path file) throws IOException {
    ArrayNode a = JSON.createArrayNode();
    for (Row r : rows) {
      ObjectNode o = a.addObject();
      o.put("switches", r.switches());
      o.put("startup_s", r.startupSeconds());
      o.put("slowest_polls_per_s", r.slowestPollsPerSecond());
      o.put("snmp_answering", r.snmpAnswering());
      o.put("cpu_percent", r.cpuPercent());
      o.put("rss_mb", r.rssMib());
      o.put("heap_used_mb", r.heapUsedMib());
      o.put("mqtt_msgs_per_s", r.mqttPerSecond());
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), a);
  }

  private static void awaitAll(Snmp snmp, Process p, int base, int n, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (int k = 0; k < n; k++) {
      while (!answers(snmp, base + k, 200)) {
        if (!p.isAlive()) {
          throw new IOException("the fleet exited with " + p.exitValue() + " before switch " + (k + 1) + " answered");
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("switch " + (k + 1) + " did not answer SNMP within " + limit.toSeconds() + " s");
        }
      }
    }
  }

  private static int answering(Snmp snmp, int base, int n) throws IOException {
    int ok = 0;
    for (int k = 0; k < n; k++) {
      if (answers(snmp, base + k, 1000) || answers(snmp, base + k, 1000)) {
        ok++;
      }
    }
    return ok;
  }

  private static boolean answers(Snmp snmp, int port, long timeoutMillis) throws IOException {
    CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + port),
        new OctetString("public"));
    target.setVersion(SnmpConstants.version2c);
    target.setTimeout(timeoutMillis);
    target.setRetries(0);
    PDU get = new PDU();
    get.setType(PDU.GET);
    get.add(new VariableBinding(SnmpConstants.sysName));
    ResponseEvent<UdpAddress> r = snmp.send(get, target);
    return r.getResponse() != null && r.getResponse().getErrorStatus() == 0;
  }

  /** Each switch's poll count (its health's {@code telemetry.sequence}), through the fleet's control API. */
  private static long[] sequences(int controlPort, int n) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long[] out = new long[n];
    for (int k = 0; k < n; k++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort
          + "/api/v1/switches/sw" + (k + 1) + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode seq = JSON.readTree(r.body()).path("telemetry").path("sequence");
      if (!seq.isNumber()) {
        throw new IOException("sw" + (k + 1) + "'s health has no telemetry.sequence: " + r.body());
      }
      out[k] = seq.asLong();
    }
    return out;
  }

  /** Live heap after a full collection, from {@code jcmd <pid> GC.heap_info} (serial GC: young + tenured used). */
  private static double heapUsedAfterGc(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, Long.toString(pid), "GC.run");
    String info = run(jcmd, Long.toString(pid), "GC.heap_info");
    double kb = 0;
    for (String line : info.split("\n")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(generation|space|heap)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K")
          .matcher(line);
      if (m.find() && (line.contains("new generation") || line.contains("tenured generation"))) {
        kb += Long.parseLong(m.group(2));
      }
    }
    return kb / 1024;
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static double status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException(field + " not in /proc/" + pid + "/status");
  }

  /** The first of {@code n} consecutive UDP ports free on loopback a moment ago. */
  public static int consecutiveUdp(int n) throws IOException {
    for (int base = 20000 + (int) (ProcessHandle.current().pid() % 1000) * 16; base + n < 65000; base += n) {
      List<DatagramSocket> held = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          held.add(new DatagramSocket(base + i, InetAddress.getLoopbackAddress()));
        }
        return base;
      } catch (IOException inUse) {
        // the next block
      } finally {
        held.forEach(DatagramSocket::close);
      }
    }
    throw new IOException("no " + n + " consecutive free UDP ports on loopback");
  }

  private void step(String line) {
    progress.println("bench: " + line);
    progress.flush();
  }

  private static void pause(Duration d) throws InterruptedException {
    new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String format(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
