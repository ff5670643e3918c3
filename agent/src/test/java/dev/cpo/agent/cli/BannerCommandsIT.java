package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The banner's "try:" lines, run as printed by a shell, the way a new user pastes them: net-snmp as
 * Debian ships it (no standard MIBs; an empty HOME, so no ~/.snmp of ours helps).
 */
class BannerCommandsIT {

  @TempDir Path dir;

  private Product product;
  private Map<String, String> tryLines;

  @BeforeEach
  void start() throws Exception {
    int trapPort;
    try (DatagramSocket s = new DatagramSocket(0)) {
      trapPort = s.getLocalPort();
    }
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "gnmi.port=0", "control.port=0", "mqtt.embedded.port=0",
        "traps.port=" + trapPort, "state.dir=" + dir.resolve("state"))));
    product.start();
    StringWriter out = new StringWriter();
    product.banner().print(new PrintWriter(out));
    tryLines = new java.util.HashMap<>();
    for (String line : out.toString().split("\n")) {
      int at = line.indexOf("try: ");
      if (at > 0) {
        tryLines.put(line.trim().split("\\s+")[0], line.substring(at + 5).trim());
      }
    }
  }

  @AfterEach
  void stop() {
    if (product != null) {
      product.stop();
    }
  }

  @Test
  void theSnmpwalkLineWalksIfNameWithNoMibsInstalled() throws Exception {
    Tools.require("snmpwalk");
    String cmd = tryLines.get("SNMP");
    assertThat(cmd).startsWith("snmpwalk ");

    Process p = shell(cmd + " | head -3");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(out).as(cmd).contains("STRING: \"port1\"").contains("STRING: \"port3\"")
        .doesNotContain("Cannot find module").doesNotContain("Unknown Object Identifier");
  }

  @Test
  void theSnmptrapdLinePrintsTheAlarmTrapAndNoMibErrors() throws Exception {
    Tools.require("snmptrapd");
    String cmd = tryLines.get("traps");
    assertThat(cmd).startsWith("snmptrapd ");
    Path log = dir.resolve("trapd.out");

    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).directory(dir.toFile());
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> read(log).contains("NET-SNMP version"));
      product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, "els3/laser5"));

      // cpoAlarmRaised is 1.3.6.1.4.1.32473.1.0.1.
      await().atMost(Duration.ofSeconds(15)).until(() -> read(log).contains("32473.1.0.1"));
      assertThat(read(log)).doesNotContain("Cannot find module").doesNotContain("Did not find")
          .doesNotContain("Unlinked OID");
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private Process shell(String cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).directory(dir.toFile());
    pb.environment().put("HOME", dir.toString());
    pb.environment().remove("MIBS");
    pb.environment().remove("MIBDIRS");
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }
}
