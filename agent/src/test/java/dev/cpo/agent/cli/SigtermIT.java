package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command as a user runs it ({@code java -jar agent/target/cpo-agent.jar}), stopped the way
 * a service manager or Ctrl-C stops it: SIGTERM. It logs that it is stopping and how long the stop took,
 * which never exceeds {@link RunCommand#STOP_DEADLINE_MS}, and the process is gone.
 */
class SigtermIT {

  private static final Pattern STOPPED = Pattern.compile("cpo-agent stopped in (\\d+) ms");

  @TempDir Path dir;

  @Test
  void sigtermStopsTheAgentWithinItsDeadlineAndSaysSo() throws Exception {
    Path jar = Tools.repoRoot().resolve("agent/target/cpo-agent.jar");
    assertThat(jar).exists();
    int trapPort;
    try (DatagramSocket s = new DatagramSocket(0)) {
      trapPort = s.getLocalPort();
    }
    Path log = dir.resolve("agent.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "--set", "snmp.port=0", "gnmi.port=0", "--set", "mqtt.embedded.port=0", "--set", "control.port=0",
        "--set", "traps.port=" + trapPort, "--set", "state.dir=" + dir.resolve("state"))
        .directory(Tools.repoRoot().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("Stop with Ctrl-C."));
      // Let MQTT connect and the first poll cycles run, as in a real stop.
      await().atMost(Duration.ofSeconds(20)).until(() -> read(log).contains("MQTT connected"));

      long t0 = System.nanoTime();
      p.destroy(); // SIGTERM
      boolean exited = p.waitFor(2, TimeUnit.SECONDS);
      long wallMs = (System.nanoTime() - t0) / 1_000_000;

      assertThat(exited).as("exited within 2 s of SIGTERM").isTrue();
      assertThat(p.exitValue()).isEqualTo(143);
      String out = read(log);
      assertThat(out).contains("stopping (SIGTERM, SIGINT or Ctrl-C)");
      Matcher m = STOPPED.matcher(out);
      assertThat(m.find()).as(out).isTrue();
      assertThat(Long.parseLong(m.group(1))).isLessThanOrEqualTo(RunCommand.STOP_DEADLINE_MS + 50);
      assertThat(out).doesNotContain("RejectedExecutionException").doesNotContain("Exception in thread");
      org.slf4j.LoggerFactory.getLogger(SigtermIT.class).info("SIGTERM -> process exit: {} ms; {}", wallMs,
          m.group());
    } finally {
      p.destroyForcibly();
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

}
