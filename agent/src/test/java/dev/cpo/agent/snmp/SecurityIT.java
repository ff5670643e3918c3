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
  void aWrongAuthPassphraseGetsAnUnauthenticatedWrongDigestReport() throws Exception {
    long before = usmStat("usmStatsWrongDigests");

    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v3("noc", "not-the-pass", "noc-priv-pass"), agent.port(),
        "SNMPv2-MIB::sysDescr.0");

    // RFC 3414 3.2 step 6: a usmStatsWrongDigests report, sent noAuthNoPriv so that the manager, whose
    // key is wrong, can read it; net-snmp then names the cause instead of timing out.
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("Authentication failure (incorrect password, community or key)")
        .doesNotContain("Timeout");
    assertThat(usmStat("usmStatsWrongDigests")).isEqualTo(before + 1);
  }

  @Test
  void anUnknownUserGetsAnUnknownUserNameReport() throws Exception {
    long before = usmStat("usmStatsUnknownUserNames");

    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v3("mallory", "mallory-auth", "mallory-priv"),
        agent.port(), "SNMPv2-MIB::sysDescr.0");

    // RFC 3414 3.2 step 4
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("Unknown user name").doesNotContain("Timeout");
    assertThat(usmStat("usmStatsUnknownUserNames")).isEqualTo(before + 1);
  }

  @Test
  void aWrongPrivPassphraseIsADecryptionErrorNotAParseError() throws Exception {
    long decryptionErrors = usmStat("usmStatsDecryptionErrors");
    long parseErrors = snmpCounter("SNMPv2-MIB::snmpInASNParseErrs.0");

    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NetSnmpTools.v3("noc", "noc-auth-pass", "not-the-priv-pass"),
        agent.port(), "SNMPv2-MIB::sysDescr.0");

    // RFC 3414 3.2 step 8: counted in usmStatsDecryptionErrors and reported
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("Decryption error").doesNotContain("Timeout");
    assertThat(usmStat("usmStatsDecryptionErrors")).isEqualTo(decryptionErrors + 1);
    assertThat(snmpCounter("SNMPv2-MIB::snmpInASNParseErrs.0")).isEqualTo(parseErrors);
  }

  @Test
  void snmpV1IsNotAnsweredAndCountsAsABadVersion() throws Exception {
    long before = snmpCounter("SNMPv2-MIB::snmpInBadVersions.0");

    NetSnmpTools.Result v1 = NetSnmpTools.run("snmpget", List.of("-v1", "-c", "public"), agent.port(),
        "SNMPv2-MIB::sysDescr.0");

    // The agent speaks SNMPv2c and SNMPv3 only (docs/snmp.md); RFC 3412 4.2.1: an unsupported version is
    // counted in snmpInBadVersions and discarded.
    assertThat(v1.exitCode()).isNotZero();
    assertThat(v1.out()).doesNotContain("CPO switch");
    assertThat(v1.err()).contains("Timeout");
    assertThat(snmpCounter("SNMPv2-MIB::snmpInBadVersions.0")).isEqualTo(before + 1);
  }

  @Test
  void onlyOpsSeesTheSecurityAndNotificationConfiguration() throws Exception {
    // SNMP-TARGET-MIB, SNMP-NOTIFICATION-MIB, SNMP-USER-BASED-SM-MIB, SNMP-VIEW-BASED-ACM-MIB,
    // SNMP-COMMUNITY-MIB: outside the views of public and noc, as in net-snmp's default views.
    List<String> subtrees = List.of("1.3.6.1.6.3.12", "1.3.6.1.6.3.13", "1.3.6.1.6.3.15", "1.3.6.1.6.3.16",
        "1.3.6.1.6.3.18");
    for (String subtree : subtrees) {
      for (List<String> reader : List.of(NetSnmpTools.V2C, NOC)) {
        NetSnmpTools.Result walk = NetSnmpTools.run("snmpbulkwalk", reader, agent.port(), "-On", "-Cr50", subtree);
        assertThat(walk.lines()).as("%s by %s", subtree, reader.get(reader.size() - 1))
            .noneMatch(l -> l.startsWith("." + subtree + "."));
      }
    }
    NetSnmpTools.Result users = NetSnmpTools.run("snmpbulkwalk", OPS, agent.port(), "-Oqs", "-Cr50",
        "SNMP-USER-BASED-SM-MIB::usmUserStatus");
    NetSnmpTools.Result groups = NetSnmpTools.run("snmpbulkwalk", OPS, agent.port(), "-Oqs", "-Cr50",
        "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName");
    NetSnmpTools.Result targets = NetSnmpTools.run("snmpbulkwalk", OPS, agent.port(), "-Oqs", "-Cr50",
        "SNMP-TARGET-MIB::snmpTargetAddrTAddress");
    assertThat(users.out()).contains("usmUserStatus.", "active");
    assertThat(groups.out()).contains("readers-v3", "operators");
    assertThat(targets.out()).contains("snmpTargetAddrTAddress.'v2c-source-1'");
    // What monitoring needs stays readable by all.
    NetSnmpTools.Result engine = NetSnmpTools.run("snmpget", NetSnmpTools.V2C, agent.port(), "-Oqv",
        "SNMP-FRAMEWORK-MIB::snmpEngineBoots.0", "IF-MIB::ifName.1");
    assertThat(engine.lines()).hasSize(2).last().isEqualTo("port1");
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
        .isInstanceOf(dev.cpo.agent.lifecycle.StartRefused.class)
        .hasMessage("snmp.port " + agent.port() + ": address already in use (udp 127.0.0.1)");
    assertThat(second.port()).isEqualTo(-1);
    second.stop();
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NOC, agent.port(), "-Oqv", "IF-MIB::ifName.1");
    assertThat(r.out().strip()).isEqualTo("port1");
  }

  /** An SNMP-USER-BASED-SM-MIB usmStats counter, read by ops (the only one who sees that MIB). */
  private long usmStat(String name) throws Exception {
    return snmpCounter("SNMP-USER-BASED-SM-MIB::" + name + ".0");
  }

  private long snmpCounter(String object) throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", OPS, agent.port(), "-Oqv", object);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Long.parseLong(r.out().strip());
  }

  private long engineBoots() throws Exception {
    NetSnmpTools.Result r = NetSnmpTools.run("snmpget", NOC, agent.port(), "-Oqv", "SNMP-FRAMEWORK-MIB::snmpEngineBoots.0");
    return Long.parseLong(r.out().strip());
  }
}
