package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** mibs/CPO-SWITCH-MIB.txt against the real MIB tools users load it into. */
class CpoSwitchMibFileIT {

  private static final Path MIBS = Tools.repoRoot().resolve("mibs");

  @Test
  void smilintAtLevelThreeHasNothingToSay() throws Exception {
    Path smilint = Tools.require("smilint");
    Result r = run(List.of(smilint.toString(), "-l", "3", MIBS.resolve("CPO-SWITCH-MIB.txt").toString()),
        Map.of("SMIPATH", Tools.ietfMibs() + ":" + MIBS));

    assertThat(r.output()).as("smilint output").isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void netSnmpLoadsTheModuleWithoutComplaint() throws Exception {
    Path snmptranslate = Tools.require("snmptranslate");
    // -m names only our module, so any message on stderr is about it or what it imports.
    Result tree = run(List.of(snmptranslate.toString(), "-M", "+" + Tools.ietfMibs() + ":" + MIBS,
        "-m", "CPO-SWITCH-MIB", "-Tp", "-IR", "cpoSwitchMIB"), Map.of());
    Result oid = run(List.of(snmptranslate.toString(), "-M", "+" + Tools.ietfMibs() + ":" + MIBS,
        "-m", "CPO-SWITCH-MIB", "-On", "CPO-SWITCH-MIB::cpoThresholdValue"), Map.of());

    assertThat(tree.exitCode()).isZero();
    assertThat(tree.output()).contains("cpoLaserTable", "cpoLaneTable", "cpoThresholdTable", "cpoAlarmTable",
        "cpoAlarmRaised", "cpoProtectiveAction").doesNotContain("Cannot", "Unlinked", "Did not find");
    assertThat(oid.output().trim()).isEqualTo(".1.3.6.1.4.1.32473.1.1.5.1.4");
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
