package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-config}: 0 when valid; otherwise exit 2 with one line naming the key. */
class CheckConfigCommandTest {

  @TempDir Path dir;

  @Test
  void checkConfigNamesTheKeyOfABadValue() {
    CliRun ok = CliRun.of("check-config");
    CliRun bad = CliRun.of("check-config", "--set", "sim.load=2");

    assertThat(ok.exitCode()).isZero();
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("sim.load");
  }

  @Test
  void checkConfigLoadsTheProfileSoAnUnknownOneIsCaughtBeforeRun() {
    CliRun ok = CliRun.of("check-config", "--set", "sim.profile=npo-115t");
    CliRun bad = CliRun.of("check-config", "--set", "sim.profile=no-such-switch");

    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("npo-115t");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).startsWith("error: sim.profile 'no-such-switch'").doesNotContain("\n");
  }

  @Test
  void aBadKeyInAFileIsNamedWithItsLine() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "control:\n  port: 8161\n  colour: blue\n");

    CliRun run = CliRun.of("check-config", "--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("control.colour").contains("line 3");
  }
}
