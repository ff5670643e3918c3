package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} in-process: it starts, says where it is, serves, and stops; a bad config starts nothing. */
class RunCommandTest {

  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicInteger exit = new AtomicInteger(-1);
  private Thread runner;

  @TempDir Path stateDir;

  /** Never the product's SNMP and trap ports (others run the product on this machine), nor $HOME's state. */
  private String[] withFreePorts(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--set", "snmp.port=0", "--set", "gnmi.port=0", "--set", "mqtt.embedded.port=0",
        "--set", "traps.port=9", "--set", "state.dir=" + stateDir));
    return all.toArray(String[]::new);
  }

  private String start(String... given) {
    String[] args = withFreePorts(given);
    runner = new Thread(() -> exit.set(Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args)), "run");
    runner.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Stop with Ctrl-C") || exit.get() >= 0);
    Matcher m = URL.matcher(out.toString());
    assertThat(m.find()).as(out + err.toString()).isTrue();
    return m.group();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (runner != null) {
      runner.interrupt();
      runner.join(10_000);
    }
  }

  @Test
  void itPrintsWhereTheControlApiIsWithTheActualPortAndServesIt() throws Exception {
    String url = start("--set", "control.port=0");

    assertThat(url).doesNotEndWith(":0").doesNotEndWith(":8161");
    assertThat(out.toString()).contains("curl -s " + url + "/api/v1/inventory").contains("144 ports");
    HttpResponse<String> res = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("\"simulator\" : \"running\"").contains("\"control-api\" : \"running\"");
  }

  @Test
  void interruptingItStopsEverythingAndFreesThePort() throws Exception {
    String url = start("--set", "control.port=0");
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));

    runner.interrupt();
    runner.join(10_000);

    assertThat(exit.get()).isZero();
    try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aScenarioRunsAgainstItThroughTheApi() throws Exception {
    // 100x simulated time, sampled every 20 ms: the 2-minute scenario takes about 1.2 s.
    String url = start("--set", "control.port=0", "--set", "sim.timeScale=100", "--set", "polling.fastIntervalMs=20");

    CliRun run = CliRun.of("scenario", "run", Tools.repoRoot().resolve("config/scenarios/laser-failure.yaml").toString(),
        "--url", url);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("scenario PASSED");
  }

  @Test
  void aBadConfigValueIsOneLineNamingTheKeyAndExit2() {
    CliRun run = CliRun.of("run", "--set", "control.port=70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).contains("control.port").doesNotContain("\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aNonLoopbackBindWithoutATokenIsRefusedBeforeAnythingStarts() {
    CliRun run = CliRun.of("--set", "control.bind=0.0.0.0", "--set", "control.port=0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("control.token").contains("0.0.0.0");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownProfileIsExit2NamingSimProfile() {
    CliRun run = CliRun.of("run", "--set", "sim.profile=no-such-switch", "--set", "control.port=0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("sim.profile").contains("no-such-switch");
  }

  @Test
  void aPortInUseFailsTheStartNamingTheKeyAndLeavesNothingRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.of(withFreePorts("run", "--set", "control.port=" + taken.getLocalPort()));

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).isEqualTo("error: control.port " + taken.getLocalPort()
          + ": address already in use (tcp 127.0.0.1)" + System.lineSeparator());
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void anUnknownFlagIsExit2() {
    CliRun run = CliRun.of("run", "--colour");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--colour");
  }
}
