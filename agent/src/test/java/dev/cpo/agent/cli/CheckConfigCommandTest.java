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

  /** Issue 9 item 10: what run would refuse about addresses, networks and the state directory. */
  @Test
  void badBindAddressesNetworksAndStateDirsAreOneLineNamingKeyAndLine() throws Exception {
    Path binds = Files.writeString(dir.resolve("binds.yaml"), "snmp:\n  port: 0\n  bind: 999.1.1.1\n");
    Path cidr = Files.writeString(dir.resolve("cidr.yaml"), "snmp:\n  communitySources:\n    - 127.0.0.0/8\n"
        + "    - 10.0.0.0/33\n");
    Path file = Files.writeString(dir.resolve("plain"), "not a directory");
    String state = "--set";
    String inDir = "state.dir=" + dir.resolve("state");
    assertOneLine(CliRun.of("check-config", "--config", binds.toString(), state, inDir),
        "error: snmp.bind must be an IP address, was '999.1.1.1': an IPv4 address is four numbers 0 to 255 separated"
            + " by dots, e.g. 127.0.0.1 or 0.0.0.0 (" + binds + " line 3)");
    assertOneLine(CliRun.of("check-config", "--set", "control.bind=controller.example", state, inDir),
        "error: control.bind must be an IP address such as 127.0.0.1, 0.0.0.0, ::1 or :: (or localhost), was"
            + " 'controller.example'; names are not looked up (from --set)");
    assertOneLine(CliRun.of("check-config", "--set", "gnmi.bind=1.2.3", state, inDir),
        "error: gnmi.bind must be an IP address, was '1.2.3': an IPv4 address is four numbers 0 to 255 separated"
            + " by dots, e.g. 127.0.0.1 or 0.0.0.0 (from --set)");
    assertOneLine(CliRun.of("check-config", "--config", cidr.toString(), state, inDir),
        "error: snmp.communitySources entry '10.0.0.0/33' has a prefix length outside 0..32 (" + cidr + " line 2)");
    assertOneLine(CliRun.of("check-config", "--set", "snmp.communitySources=[\"10.0.0.0/8x\"]", state, inDir),
        "error: snmp.communitySources entry '10.0.0.0/8x' must end in a prefix length 0..32 after '/', was '8x'"
            + " (from --set)");
    assertOneLine(CliRun.of("check-config", "--set", "snmp.communitySources=[\"fd00::/129\"]", state, inDir),
        "error: snmp.communitySources entry 'fd00::/129' has a prefix length outside 0..128 (from --set)");
    assertOneLine(CliRun.of("check-config", "--set", "state.dir=" + file),
        "error: state.dir " + file + ": is a file, not a directory (from --set)");
    assertOneLine(CliRun.of("check-config", "--set", "state.dir=" + file.resolve("sw1")),
        "error: state.dir " + file.resolve("sw1") + ": cannot be created, " + file + " is a file (from --set)");
    assertOneLine(CliRun.of("check-config", "--set", "control.port=40131", "--set", "gnmi.port=40131", state, inDir),
        "error: gnmi.port 40131 and control.port 40131: two components are given the same tcp port (127.0.0.1);"
            + " give each its own, or 0 to pick a free one");
  }

  /**
   * {@code ::} is served: every address, IPv6 and (dual stack) IPv4. It is not loopback, so the rules off
   * loopback hold: the control API needs a token, gNMI needs TLS. {@code --set} takes it as the text it is.
   */
  @Test
  void allAddressesOfIpv6AreAcceptedUnderTheRulesOffLoopback() {
    String inDir = "state.dir=" + dir.resolve("state");
    CliRun snmp = CliRun.of("check-config", "--set", "snmp.bind=::", "--set", inDir);
    CliRun control = CliRun.of("check-config", "--set", "control.bind=::", "--set", inDir);
    CliRun controlWithToken = CliRun.of("check-config", "--set", "control.bind=::", "--set",
        "control.token=abcdefghijklmnopqrstuvwx", "--set", inDir);
    CliRun gnmi = CliRun.of("check-config", "--set", "gnmi.bind=::", "--set", inDir);

    assertThat(snmp.exitCode()).as(snmp.err()).isZero();
    assertThat(controlWithToken.exitCode()).as(controlWithToken.err()).isZero();
    assertOneLine(control, "error: control.token must be set when bind (::) is not a loopback address");
    assertOneLine(gnmi, "error: gnmi.tls.certFile and tls.keyFile must be set when bind (::) is not a loopback"
        + " address");
  }

  private static void assertOneLine(CliRun run, String line) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(line);
  }
}
