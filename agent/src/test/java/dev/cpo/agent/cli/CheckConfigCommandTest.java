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

  @Test
  void eachValidationGapIsOneLineNamingKeyAndLine() throws Exception {
    Path dup = Files.writeString(dir.resolve("dup.yaml"), "snmp:\n  port: 1161\n  port: 1162\n");
    Path syntax = Files.writeString(dir.resolve("syntax.yaml"), "snmp:\n  port: [1161\n");
    Path thresholds = Files.writeString(dir.resolve("t.yaml"), "classes:\n  laser.bias:\n    highAlarm: -5\n");
    Path policies = Files.writeString(dir.resolve("p.yaml"),
        "policies:\n  hot:\n    condition: laser.temp-highAlrm\n    action: laser-disable\n");
    assertOneLine(CliRun.of("check-config", "--config", dup.toString()),
        "error: snmp.port: the key is given twice in one mapping (" + dup + " line 3)");
    assertOneLine(CliRun.of("check-config", "--set", "snmp.port=1161.5"),
        "error: snmp.port must be a whole number, was 1161.5 (from --set)");
    assertOneLine(CliRun.of("check-config", "--set", "sim.timeScale=fast"),
        "error: sim.timeScale must be a number, was 'fast' (from --set)");
    assertOneLine(CliRun.of("check-config", "--set", "alarms.thresholdsFile=" + thresholds),
        "error: classes.laser.bias.highAlarm: must be >= 0 (a bias reading in mA is never negative), was -5.0 ("
            + thresholds + " line 3)");
    assertOneLine(CliRun.of("check-config", "--set", "alarms.policiesFile=" + policies),
        "error: policies.hot.condition: no alarm condition 'laser.temp-highAlrm' (did you mean"
            + " 'laser.temp-highAlarm'?); a policy on it would never act (" + policies + " line 3)");
    CliRun bad = CliRun.of("check-config", "--config", syntax.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).startsWith("error: " + syntax + " line ").contains("not valid YAML").doesNotContain("\n");
  }

  private static void assertOneLine(CliRun run, String line) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(line);
  }
}
