package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code java -jar agent/target/cpo-agent.jar}, as a user runs it, refused at start (issue 9
 * item 10): each port the product listens on is held by a socket of this test (udp for SNMP, tcp for the
 * others), and the process exits 2 with exactly one line on stderr naming the key, nothing on stdout (no
 * banner: nothing started), no stack trace and no log line. Only free loopback ports this test picked are
 * used, never the product's defaults.
 */
class StartupRefusalIT {

  @TempDir Path dir;

  private Path jar;

  @BeforeEach
  void jar() {
    jar = Tools.repoRoot().resolve("agent/target/cpo-agent.jar");
    assertThat(jar).exists();
  }

  @Test
  void anSnmpPortInUseIsOneLineNamingSnmpPort() throws Exception {
    try (DatagramSocket held = udp()) {
      Run r = run("--set", "snmp.port=" + held.getLocalPort());

      r.assertRefused("error: snmp.port " + held.getLocalPort() + ": address already in use (udp 127.0.0.1)");
    }
  }

  @Test
  void theEmbeddedBrokersPortInUseIsOneLineNamingMqttEmbeddedPort() throws Exception {
    try (ServerSocket held = tcp()) {
      Run r = run("--set", "mqtt.embedded.port=" + held.getLocalPort());

      r.assertRefused("error: mqtt.embedded.port " + held.getLocalPort() + ": address already in use (tcp 127.0.0.1)");
    }
  }

  @Test
  void theControlPortInUseIsOneLineNamingControlPort() throws Exception {
    try (ServerSocket held = tcp()) {
      Run r = run("--set", "control.port=" + held.getLocalPort());

      r.assertRefused("error: control.port " + held.getLocalPort() + ": address already in use (tcp 127.0.0.1)");
    }
  }

  @Test
  void theGnmiPortInUseIsOneLineNamingGnmiPort() throws Exception {
    try (ServerSocket held = tcp()) {
      Run r = run("--set", "gnmi.port=" + held.getLocalPort());

      r.assertRefused("error: gnmi.port " + held.getLocalPort() + ": address already in use (tcp 127.0.0.1)");
    }
  }

  @Test
  void twoComponentsGivenOnePortAreCaughtBeforeBindingNamingBoth() throws Exception {
    int port;
    try (ServerSocket free = tcp()) {
      port = free.getLocalPort();
    }
    Run r = run("--set", "control.port=" + port, "--set", "gnmi.port=" + port);

    r.assertRefused("error: gnmi.port " + port + " and control.port " + port + ": two components are given the same"
        + " tcp port (127.0.0.1); give each its own, or 0 to pick a free one");
  }

  @Test
  void aFleetMembersSnmpPortInUseIsOneLineNamingTheSwitch() throws Exception {
    try (DatagramSocket held = udp()) {
      int base = held.getLocalPort() - 1;
      Run r = start(List.of("fleet", "--switches", "2"), "--set", "snmp.port=" + base);

      r.assertRefused("error: snmp.port " + held.getLocalPort() + " (sw2): address already in use (udp 127.0.0.1)");
    }
  }

  @Test
  void aFleetsControlPortInUseIsOneLineNamingControlPort() throws Exception {
    try (ServerSocket held = tcp()) {
      Run r = start(List.of("fleet", "--switches", "2"), "--set", "control.port=" + held.getLocalPort());

      r.assertRefused("error: control.port " + held.getLocalPort() + ": address already in use (tcp 127.0.0.1)");
    }
  }

  /** Issue 9 item 3's refusal exits 2 like every other start-up refusal, in one line naming the file. */
  @Test
  void anUnreadableEngineIdIsOneLineAndExit2() throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    Path file = Files.writeString(state.resolve("snmp-engine.boots"), "garbage\n");

    Run r = run();

    r.assertRefused("error: cannot read the SNMP engine id from " + file + ": line 'garbage' is not a single"
        + " key=value; restore the file from a backup, or move it aside to start a new engine id (SNMPv3 managers"
        + " and inform receivers that know the old one must then learn the new one)");
    assertThat(Files.readString(file)).as("left as it was").isEqualTo("garbage\n");
  }

  @Test
  void aStateDirUnderAFileIsOneLineAndExit2() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");

    Run r = run("--set", "state.dir=" + file.resolve("sw1"));

    r.assertRefused("error: state.dir " + file.resolve("sw1") + ": cannot be created, " + file + " is a file"
        + " (from --set)");
  }

  private static DatagramSocket udp() throws IOException {
    return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  private static ServerSocket tcp() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  /** {@code run} with every port free (0) and state in the test's folder, then {@code extra} overrides. */
  private Run run(String... extra) throws Exception {
    return start(List.of(), extra);
  }

  private Run start(List<String> command, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    args.addAll(command);
    args.addAll(List.of("--set", "snmp.port=0", "--set", "mqtt.embedded.port=0", "--set", "control.port=0",
        "--set", "gnmi.port=0", "--set", "traps.port=9", "--set", "state.dir=" + dir.resolve("state")));
    args.addAll(List.of(extra));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p = new ProcessBuilder(args).directory(Tools.repoRoot().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      boolean exited = p.waitFor(90, TimeUnit.SECONDS);
      assertThat(exited).as("the refused process exits by itself; stderr: " + Files.readString(err)).isTrue();
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      p.destroyForcibly();
    }
  }

  private record Run(int exitCode, String out, String err) {

    void assertRefused(String line) {
      assertThat(exitCode).as("exit code; stderr: " + err).isEqualTo(2);
      assertThat(err).as("exactly one line on stderr").isEqualTo(line + System.lineSeparator());
      assertThat(out).as("nothing started, so no banner").isEmpty();
    }
  }
}
