package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SNMPv3 USM (RFC 3414, RFC 7860 SHA-256, RFC 3826 AES) and VACM (RFC 3415): only ops writes. */
class SecurityIT {

  private static final List<String> NOC = NetSnmpTools.v3("noc", "noc-auth-pass", "noc-priv-pass");
  private static final List<String> OPS = NetSnmpTools.v3("ops", "ops-auth-pass", "ops-priv-pass");

  @TempDir Path stateDir;

  private final PortsFixture fixture = new PortsFixture(144);
  private final FixedAgentView view = new FixedAgentView(fixture.snapshot());
  private SnmpAgent agent;

  @BeforeEach
  void start() throws Exception {
    agent = newAgent();
    agent.start();
  }

  private SnmpAgent newAgent() {
    return new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), new TrapsConfig("127.0.0.1", 9), view, stateDir,
        List.of());
  }

  @AfterEach
  void stop() {
    agent.stop();
  }

  @Test
  void nocAndOpsReadWithSha256AndAes() throws Exception {
    NetSnmpTools.Result noc = NetSnmpTools.run("snmpget", NOC, agent.port(), "-Oqs", "IF-MIB::ifHighSpeed.1", "IF-MIB::ifName.144");
    NetSnmpTools.Result ops = NetSnmpTools.run("snmpget", OPS, agent.port(), "-Oqs", "IF-MIB::ifHighSpeed.1");

    assertThat(noc.exitCode()).as(noc.err()).isZero();
    assertThat(noc.lines()).containsExactly("ifHighSpeed.1 800000", "ifName.144 port144");
    assertThat(ops.lines()).containsExactly("ifHighSpeed.1 800000");
    NetSnmpTools.Result walk = NetSnmpTools.run("snmpbulkwalk", NOC, agent.port(), "-Oqs", "-Cr50", "IF-MIB::ifHighSpeed");
    assertThat(walk.lines()).hasSize(144).allMatch(l -> l.endsWith(" 800000"));
  }

  @Test
  void aWrongPassphraseFailsAndIsCountedAsAWrongDigest() throws Exception {
    long before = wrongDigests();

    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v3("noc", "not-the-pass", "noc-priv-pass"), agent.port(),
        "SNMPv2-MIB::sysDescr.0");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).containsAnyOf("Authentication failed", "Authentication failure");
    // RFC 3414 usmStatsWrongDigests
    assertThat(wrongDigests()).isEqualTo(before + 1);
  }

  @Test
  void theNocUserCannotBeUsedWithoutItsPassphrases() throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", List.of("-v3", "-l", "noAuthNoPriv", "-u", "noc"), agent.port(),
        "SNMPv2-MIB::sysDescr.0");

    assertThat(r.out() + r.err()).doesNotContain("CPO switch");
  }

  @Test
  void communityStringsAreNotReadableByAnyone() throws Exception {
    NetSnmpTools.Result v2c = NetSnmpTools.run("snmpbulkwalk", NetSnmpTools.v2c("public"), agent.port(), "-Oqs",
        "SNMP-COMMUNITY-MIB::snmpCommunityMIB");
    NetSnmpTools.Result ops = NetSnmpTools.run("snmpbulkwalk", OPS, agent.port(), "-Oqs", "SNMP-COMMUNITY-MIB::snmpCommunityMIB");

    assertThat(v2c.out() + ops.out()).doesNotContain("public").doesNotContain("snmpCommunityName");
  }

  @Test
  void onlyOpsMaySetAnything() throws Exception {
    NetSnmpTools.Result v2c = NetSnmpTools.run("snmpset", NetSnmpTools.v2c("public"), agent.port(),
        "SNMPv2-MIB::sysContact.0", "s", "v2c-was-here");
    NetSnmpTools.Result noc = NetSnmpTools.run("snmpset", NOC, agent.port(), "SNMPv2-MIB::sysContact.0", "s", "noc-was-here");
    NetSnmpTools.Result ops = NetSnmpTools.run("snmpset", OPS, agent.port(), "-Oqs", "SNMPv2-MIB::sysContact.0", "s",
        "noc@example.net");

    // RFC 3416 4.2.5 / RFC 3415: a variable outside the write view is noAccess, as net-snmp's snmpd
    // answers a SET on a rocommunity or a read-only user.
    assertThat(v2c.exitCode()).isNotZero();
    assertThat(v2c.err()).contains("Reason: noAccess", "sysContact.0");
    assertThat(noc.exitCode()).isNotZero();
    assertThat(noc.err()).contains("Reason: noAccess", "sysContact.0");
    assertThat(ops.exitCode()).as(ops.err()).isZero();
    NetSnmpTools.Result read = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqv", "SNMPv2-MIB::sysContact.0");
    assertThat(read.out().strip()).isEqualTo("noc@example.net");
  }

  @Test
  void engineIdStaysAndEngineBootsIncreaseAcrossARestart() throws Exception {
    String engineId = agent.engineId().toHexString();
    long bootsBefore = engineBoots();

    agent.stop();
    agent = newAgent();
    agent.start();

    assertThat(agent.engineId().toHexString()).isEqualTo(engineId);
    // RFC 3414 snmpEngineBoots: incremented each time the engine (re)initialises.
    assertThat(engineBoots()).isEqualTo(bootsBefore + 1);
  }

  @Test
  void aPortInUseFailsTheStartNamingTheAddressAndLeavesNothingBehind() throws Exception {
    SnmpAgent second = new SnmpAgent(new SnmpConfig("127.0.0.1", agent.port(), "public"),
        new TrapsConfig("127.0.0.1", 9), view, stateDir.resolve("second"), List.of());

    org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
        .hasMessageContaining("cannot listen on udp 127.0.0.1:" + agent.port());
    assertThat(second.port()).isEqualTo(-1);
    second.stop();
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NOC, agent.port(), "-Oqv", "IF-MIB::ifName.1");
    assertThat(r.out().strip()).isEqualTo("port1");
  }

  private long wrongDigests() throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqv",
        "SNMP-USER-BASED-SM-MIB::usmStatsWrongDigests.0");
    return Long.parseLong(r.out().strip());
  }

  private long engineBoots() throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NOC, agent.port(), "-Oqv", "SNMP-FRAMEWORK-MIB::snmpEngineBoots.0");
    return Long.parseLong(r.out().strip());
  }
}
