package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs net-snmp command-line tools against an agent and returns their output. */
final class NetSnmp {

  /** Output and exit code of one command. */
  record Result(int exitCode, String out, String err) {
    List<String> lines() {
      return out.isBlank() ? List.of() : Stream.of(out.strip().split("\n")).map(String::strip).toList();
    }
  }

  private NetSnmp() {}

  /** -v2c -c COMMUNITY. */
  static List<String> v2c(String community) {
    return List.of("-v2c", "-c", community);
  }

  /** -v3 authPriv with SHA-256 and AES-128. */
  static List<String> v3(String user, String authPass, String privPass) {
    return List.of("-v3", "-l", "authPriv", "-u", user, "-a", "SHA-256", "-A", authPass, "-x", "AES", "-X", privPass);
  }

  /**
   * Runs {@code tool} with the IETF MIBs loaded, a 2 s timeout and no retries.
   *
   * @param security e.g. {@link #v2c}
   * @param args the rest: options, then the agent, then OIDs
   */
  static Result run(String tool, List<String> security, int port, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Tools.require(tool).toString());
    cmd.addAll(List.of("-M", Tools.ietfMibs().toString(), "-m", "ALL", "-t", "2", "-r", "0"));
    cmd.addAll(security);
    List<String> rest = new ArrayList<>(List.of(args));
    int firstOid = 0;
    while (firstOid < rest.size() && rest.get(firstOid).startsWith("-")) {
      firstOid++;
    }
    rest.add(firstOid, "udp:127.0.0.1:" + port);
    cmd.addAll(rest);
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
