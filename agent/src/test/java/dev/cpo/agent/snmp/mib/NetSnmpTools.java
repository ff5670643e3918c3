package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * net-snmp's command-line tools and snmptrapd with the IETF MIBs and our mibs/ loaded, so output names
 * CPO-SWITCH-MIB objects the way an operator sees them.
 */
final class NetSnmpTools {

  static final List<String> V2C = List.of("-v2c", "-c", "public");
  static final List<String> NOC = v3("noc", "noc-auth-pass", "noc-priv-pass");
  static final List<String> OPS = v3("ops", "ops-auth-pass", "ops-priv-pass");

  private NetSnmpTools() {}

  static List<String> v3(String user, String auth, String priv) {
    return List.of("-v3", "-l", "authPriv", "-u", user, "-a", "SHA-256", "-A", auth, "-x", "AES", "-X", priv);
  }

  static String mibPath() {
    return Tools.ietfMibs() + ":" + Tools.repoRoot().resolve("mibs");
  }

  /** Output and exit code of one command. */
  record Result(int exitCode, String out, String err) {
    List<String> lines() {
      return out.isBlank() ? List.of() : Stream.of(out.strip().split("\n")).map(String::strip).toList();
    }
  }

  /** Runs {@code tool} against udp:127.0.0.1:port; options before the first OID come first. */
  static Result run(String tool, List<String> security, int port, String... args)
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

  /** snmptrapd on a free loopback port accepting v2c community public, printing what it receives. */
  static final class Trapd implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final int port;

    Trapd(Path dir) throws IOException {
      Path conf = dir.resolve("snmptrapd.conf");
      Files.write(conf, List.of("authCommunity log public"));
      try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      ProcessBuilder pb = new ProcessBuilder(Tools.require("snmptrapd").toString(), "-f", "-Lo", "-n", "-C",
          "-c", conf.toString(), "-M", mibPath(), "-m", "ALL", "udp:127.0.0.1:" + port);
      pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
      pb.redirectErrorStream(true);
      process = pb.start();
      Thread pump = new Thread(this::pump, "snmptrapd-output");
      pump.setDaemon(true);
      pump.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> output.indexOf("NET-SNMP version") >= 0 || !process.isAlive());
      if (!process.isAlive()) {
        throw new IOException("snmptrapd exited: " + output);
      }
    }

    private void pump() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          output.append(line).append('\n');
        }
      } catch (IOException e) {
        output.append("[output closed: ").append(e).append("]\n");
      }
    }

    int port() {
      return port;
    }

    String output() {
      return output.toString();
    }

    /** Stops it and waits, so it is not still writing its state into a directory being deleted. */
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
