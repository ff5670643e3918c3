package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.lifecycle.StartRefused;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host checks {@code run}, {@code fleet} and {@code check-config} make before anything is built:
 * each refusal is one message naming the key (and its file line or {@code --set}).
 */
class StartChecksTest {

  @TempDir Path dir;

  private static AgentConfig load(String... sets) throws ConfigException {
    return AgentSections.load(null, List.of(sets));
  }

  private static ConfigException refusedByValidate(AgentConfig config) {
    ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
        () -> StartChecks.validate(config, StartChecks.listeners(config), List.of(config.stateDir())));
    assertThat(e).as("validate refuses").isNotNull();
    return e;
  }

  @Test
  void twoComponentsGivenTheSameTcpPortAreRefusedNamingBothKeys() throws Exception {
    AgentConfig c = load("control.port=40123", "gnmi.port=40123", "state.dir=" + dir);

    ConfigException e = refusedByValidate(c);

    assertThat(e.key()).isEqualTo("gnmi.port");
    assertThat(e.getMessage()).isEqualTo("gnmi.port 40123 and control.port 40123: two components are given the same"
        + " tcp port (127.0.0.1); give each its own, or 0 to pick a free one");
  }

  @Test
  void theEmbeddedBrokerCountsAsATcpListenerOnLoopback() throws Exception {
    AgentConfig c = load("mqtt.embedded.port=40124", "control.port=40124", "state.dir=" + dir);

    assertThat(refusedByValidate(c).getMessage()).startsWith("mqtt.embedded.port 40124 and control.port 40124: ");
  }

  @Test
  void portZeroAnotherProtocolOrADisjointAddressIsNoCollision() throws Exception {
    List<AgentConfig> fine = List.of(
        load("control.port=0", "gnmi.port=0", "mqtt.embedded.port=0", "state.dir=" + dir),
        // SNMP is udp, the control API tcp: the same number is two different ports.
        load("snmp.port=40125", "control.port=40125", "state.dir=" + dir),
        load("control.port=40126", "gnmi.port=40126", "gnmi.bind=127.0.0.2", "state.dir=" + dir));
    for (AgentConfig c : fine) {
      assertThatCode(() -> StartChecks.validate(c, StartChecks.listeners(c), List.of(c.stateDir())))
          .as(c.toString()).doesNotThrowAnyException();
    }
  }

  @Test
  void allAddressesOverlapEveryLoopbackOne() throws Exception {
    List<StartChecks.Listener> ls = List.of(
        new StartChecks.Listener("control.port", "control.bind", "tcp", "0.0.0.0", 40127, null),
        new StartChecks.Listener("gnmi.port", "gnmi.bind", "tcp", "127.0.0.1", 40127, null));

    assertThatThrownBy(() -> StartChecks.distinct(ls)).isInstanceOf(ConfigException.class)
        .hasMessage("control.port 40127 and gnmi.port 40127: two components are given the same tcp port (0.0.0.0,"
            + " 127.0.0.1); give each its own, or 0 to pick a free one");
  }

  @Test
  void trapsSentToTheAgentsOwnSnmpPortAreRefused() throws Exception {
    AgentConfig c = load("snmp.port=40128", "traps.port=40128", "state.dir=" + dir);

    ConfigException e = refusedByValidate(c);

    assertThat(e.key()).isEqualTo("traps.port");
    assertThat(e.getMessage()).isEqualTo("traps.port 40128 and snmp.port 40128: the traps would be sent to this"
        + " agent's own SNMP port on 127.0.0.1; give the trap receiver its own port (from --set)");
  }

  @Test
  void aBindAddressThatIsNotOfThisHostIsNamedWithItsLine() throws Exception {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): no host has it.
    Path file = Files.writeString(dir.resolve("agent.yaml"), "snmp:\n  port: 0\ncontrol:\n  bind: 192.0.2.7\n"
        + "  token: abcdefghijklmnopqrstuvwx\n");
    AgentConfig c = AgentSections.load(file, List.of("state.dir=" + dir));

    ConfigException e = refusedByValidate(c);

    assertThat(e.key()).isEqualTo("control.bind");
    assertThat(e.getMessage()).isEqualTo("control.bind 192.0.2.7: not an address of this host (its interfaces have"
        + " no such address) (" + file + " line 4)");
  }

  @Test
  void aStateDirThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    AgentConfig c = load("state.dir=" + file);

    assertThat(refusedByValidate(c).getMessage())
        .isEqualTo("state.dir " + file + ": is a file, not a directory (from --set)");
  }

  /** A path under a regular file cannot be created, for root too: a test of "not writable" that holds as root. */
  @Test
  void aStateDirUnderAFileCannotBeCreatedEvenByRoot() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    AgentConfig c = load("state.dir=" + file.resolve("sw1"));

    ConfigException e = refusedByValidate(c);

    assertThat(e.key()).isEqualTo("state.dir");
    assertThat(e.getMessage()).isEqualTo("state.dir " + file.resolve("sw1") + ": cannot be created, " + file
        + " is a file (from --set)");
  }

  /**
   * A directory nobody may write into: permission bits for a normal user, and for root (this machine, CI),
   * whom permission bits do not bind, the immutable attribute (chattr +i), which root cannot write through
   * either.
   */
  @Test
  void aReadOnlyStateDirIsRefused() throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      chattr("+i", ro);
    } else {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    try {
      AgentConfig c = load("state.dir=" + ro);

      assertThat(refusedByValidate(c).getMessage()).startsWith("state.dir " + ro + ": not writable (");
    } finally {
      if (root) {
        chattr("-i", ro);
      } else {
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  private static void chattr(String flag, Path p) throws Exception {
    Process c = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
    String out = new String(c.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(c.waitFor()).as("chattr %s %s: %s", flag, p, out).isZero();
  }

  @Test
  void aMissingStateDirUnderAWritableOneIsFineAndNotCreatedByTheCheck() throws Exception {
    Path later = dir.resolve("a").resolve("b");
    AgentConfig c = load("state.dir=" + later);

    StartChecks.validate(c, StartChecks.listeners(c), List.of(c.stateDir()));

    assertThat(later.getParent()).doesNotExist();
    try (var left = Files.list(dir)) {
      assertThat(left).as("no probe file left behind").isEmpty();
    }
  }

  @Test
  void aUdpPortHeldByAnotherSocketIsRefusedInTheIssuesShape() throws Exception {
    try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      StartChecks.Listener l = new StartChecks.Listener("snmp.port", "snmp.bind", "udp", "127.0.0.1",
          held.getLocalPort(), null);

      assertThatThrownBy(() -> StartChecks.probe(l)).isInstanceOf(StartRefused.class)
          .hasMessage("snmp.port " + held.getLocalPort() + ": address already in use (udp 127.0.0.1)");
    }
  }

  @Test
  void aTcpPortHeldByAListenerIsRefusedAndAFreeOneIsReleasedAfterTheProbe() throws Exception {
    int free;
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StartChecks.Listener l = new StartChecks.Listener("control.port", "control.bind", "tcp", "127.0.0.1",
          held.getLocalPort(), null);
      assertThatThrownBy(() -> StartChecks.probe(l))
          .hasMessage("control.port " + held.getLocalPort() + ": address already in use (tcp 127.0.0.1)");
      free = held.getLocalPort();
    }
    StartChecks.probe(new StartChecks.Listener("control.port", "control.bind", "tcp", "127.0.0.1", free, null));
    // The probe let the port go: the component can bind it now.
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), free));
      assertThat(again.getLocalPort()).isEqualTo(free);
    }
  }

  @Test
  void aFleetMembersSnmpPortIsNamedWithTheSwitch() throws Exception {
    try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int base = held.getLocalPort() - 2;
      assertThat(base).isPositive();
      List<AgentConfig> members = Fleet.configs(null, List.of("snmp.port=" + base, "control.port=0", "gnmi.port=0",
          "mqtt.embedded.port=0", "state.dir=" + dir), 3, null, null);
      List<StartChecks.Listener> ls = new ArrayList<>(StartChecks.fleetListeners(members));

      assertThat(ls).extracting(StartChecks.Listener::named).contains("snmp.port " + base,
          "snmp.port " + (base + 1) + " (sw2)", "snmp.port " + (base + 2) + " (sw3)");
      StartChecks.Listener third = ls.get(ls.size() - 1);
      assertThatThrownBy(() -> StartChecks.probe(third))
          .hasMessage("snmp.port " + held.getLocalPort() + " (sw3): address already in use (udp 127.0.0.1)");
    }
  }
}
