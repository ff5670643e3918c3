package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code java -jar agent/target/cpo-agent.jar}, as typed: the process gives itself the
 * bundled JVM options by {@code execve}, so the process the user started (same pid) is the tuned one,
 * and it still stops on SIGTERM.
 */
@EnabledOnOs(OS.LINUX)
class JvmRelaunchIT {

  @Test
  void theJarAsTypedRunsInTheSameProcessWithTheBundledOptions(@TempDir Path dir) throws Exception {
    Path jar = Tools.repoRoot().resolve("agent/target/cpo-agent.jar");
    assertThat(jar).as("the shaded jar, built in package before failsafe runs").exists();
    Path log = dir.resolve("agent.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--set", "snmp.port=0", "gnmi.port=0", "--set", "traps.port=0",
        "--set", "control.port=0", "--set", "mqtt.embedded.port=0", "--set", "state.dir=" + dir.resolve("state"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("cpo-agent running"));
      List<String> cmdline = cmdline(p.pid());

      assertThat(cmdline).as("the same pid now runs the relaunched JVM")
          .contains("-XX:+UseSerialGC", "-D" + JvmRelaunch.MARKER + "=true", "-jar")
          .containsSequence("--set", "snmp.port=0");
      assertThat(Files.readString(Path.of("/proc", Long.toString(p.pid()), "environ"))).contains("MALLOC_ARENA_MAX=2");

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<String> cmdline(long pid) throws IOException {
    String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
    return List.of(raw.split("\0"));
  }
}
