package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.config.AgentConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnmpConfigTest {

  @Test
  void theBundledDefaultsGiveTheLabUsersAndOneV2cTrapTarget() {
    AgentConfig config = AgentSections.defaults();

    assertThat(config.get(SnmpConfig.SECTION).noc()).isEqualTo(SnmpConfig.DEFAULT_NOC);
    assertThat(config.get(SnmpConfig.SECTION).ops()).isEqualTo(SnmpConfig.DEFAULT_OPS);
    assertThat(config.get(SnmpConfig.SECTION).communitySources()).isEqualTo(SnmpConfig.LOOPBACK);
    assertThat(config.get(TrapsConfig.SECTION).host()).isEqualTo("127.0.0.1");
    assertThat(config.get(TrapsConfig.SECTION).port()).isEqualTo(1162);
    assertThat(config.get(TrapsConfig.SECTION).community()).isEqualTo("public");
    assertThat(config.get(TrapsConfig.SECTION).informs()).isEmpty();
  }

  @Test
  void informTargetsAndPassphrasesCanBeSetFromTheCommandLine() throws Exception {
    AgentConfig config = AgentSections.load(null, List.of("snmp.ops.authPassphrase=a-long-secret",
        "traps.informs=[{host: 10.0.0.5, port: 162, user: noc, timeoutMs: 1500, retries: 3}]"));

    assertThat(config.get(SnmpConfig.SECTION).ops().authPassphrase()).isEqualTo("a-long-secret");
    assertThat(config.get(TrapsConfig.SECTION).informs()).containsExactly(
        new TrapsConfig.InformTarget("10.0.0.5", 162, "noc", 1500, 3));
  }

  @Test
  void shortPassphrasesAndUnknownInformUsersAreRejectedByName() {
    assertThatThrownBy(() -> new SnmpConfig.UsmUserConfig("short", "long-enough"))
        .hasMessageContaining("authPassphrase");
    assertThatThrownBy(() -> new TrapsConfig.InformTarget("127.0.0.1", 162, "root", 1000, 1))
        .hasMessageContaining("user");
  }

  @Test
  void labPassphrasesOnlyMatterOffLoopback() throws Exception {
    SnmpConfig lab = new SnmpConfig("0.0.0.0", 1161, "public");
    SnmpConfig own = new SnmpConfig("0.0.0.0", 1161, "public", SnmpConfig.LOOPBACK, new SnmpConfig.UsmUserConfig("noc-secret-1", "noc-secret-2"),
        new SnmpConfig.UsmUserConfig("ops-secret-1", "ops-secret-2"));

    assertThat(SnmpAgent.usesLabPassphrasesOffLoopback(lab, InetAddress.getByName("0.0.0.0"))).isTrue();
    assertThat(SnmpAgent.usesLabPassphrasesOffLoopback(lab, InetAddress.getLoopbackAddress())).isFalse();
    assertThat(SnmpAgent.usesLabPassphrasesOffLoopback(own, InetAddress.getByName("0.0.0.0"))).isFalse();
  }
}
