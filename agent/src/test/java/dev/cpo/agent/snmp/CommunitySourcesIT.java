package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.NetSnmpTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2c community is accepted only from its configured networks (RFC 3584 5.2.1); SNMPv3 from anywhere. */
class CommunitySourcesIT {

  private static final List<String> NOC = NetSnmpTools.v3("noc", "noc-auth-pass", "noc-priv-pass");

  @TempDir Path stateDir;

  private final FixedAgentView view = new FixedAgentView(new PortsFixture(144).snapshot());
  private SnmpAgent agent;

  @AfterEach
  void stop() {
    agent.stop();
  }

  private void start(List<String> sources) throws Exception {
    agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public").withCommunitySources(sources),
        new TrapsConfig("127.0.0.1", 9), view, stateDir, List.of());
    agent.start();
  }

  @Test
  void aCommunityRequestFromOutsideItsNetworksGetsNoAnswerAndIsCounted() throws Exception {
    start(List.of("10.0.0.0/8", "192.168.1.0/24"));

    NetSnmpTools.Result v2c = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "SNMPv2-MIB::sysDescr.0");
    NetSnmpTools.Result v3 = NetSnmpTools.run("snmpget", NOC, agent.port(), "-Oqv", "SNMPv2-MIB::snmpInBadCommunityNames.0");

    assertThat(v2c.exitCode()).isNotZero();
    assertThat(v2c.err()).contains("Timeout");
    // RFC 3584 5.2.1: no community entry matches from that address, so snmpInBadCommunityNames (RFC 3418)
    assertThat(Long.parseLong(v3.out().strip())).isEqualTo(1);
  }

  @Test
  void aCommunityRequestFromInsideItsNetworksIsAnswered() throws Exception {
    start(List.of("10.0.0.0/8", "127.0.0.1/32"));

    NetSnmpTools.Result v2c = NetSnmpTools.run("snmpget", NetSnmpTools.v2c("public"), agent.port(), "-Oqv", "IF-MIB::ifName.3");

    assertThat(v2c.out().strip()).as(v2c.err()).isEqualTo("port3");
  }
}
