package dev.cpo.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * net-snmp's command-line tools with the IETF MIBs and our mibs/ loaded, so output names
 * CPO-SWITCH-MIB objects the way an operator sees them.
 */
public final class NetSnmpTools {

  public static final List<String> V2C = List.of("-v2c", "-c", "public");
  public static final List<String> NOC = v3("noc", "noc-auth-pass", "noc-priv-pass");
  public static final List<String> OPS = v3("ops", "ops-auth-pass", "ops-priv-pass");

  private NetSnmpTools() {}

  /** -v2c -c COMMUNITY. */
  public static List<String> v2c(String community) {
    return List.of("-v2c", "-c", community);
  }

  /** -v3 authPriv with SHA-256 and AES-128. */
  public static List<String> v3(String user, String auth, String priv) {
    return List.of("-v3", "-l", "authPriv", "-u", user, "-a", "SHA-256", "-A", auth, "-x", "AES", "-X", priv);
  }

  /** The IETF MIBs and our {@code mibs/}, as net-snmp's {@code -M} path. */
  public static String mibPath() {
    return Snmptrapd.mibPath();
  }

  /** Output and exit code of one command. */
  public record Result(int exitCode, String out, String err) {
    /** Output lines, stripped; none when blank. */
    public List<String> lines() {
      return out.isBlank() ? List.of() : Stream.of(out.strip().split("\n")).map(String::strip).toList();
    }
  }

  /** Runs {@code tool} against udp:127.0.0.1:port; options before the first OID come first. */
  public static Result run(String tool, List<String> security, int port, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Tools.require(tool).toString(), "-M", mibPath(), "-m", "ALL",
        "-t", "3", "-r", "0"));
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
