package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.hal.EntityClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttConfigTest {

  @Test
  void theBundledDefaultsAreTheEmbeddedBrokerWithTenSecondTelemetryForEveryClass() {
    MqttConfig mqtt = MqttConfig.SECTION.defaults();
    assertThat(mqtt.isEmbedded()).isTrue();
    assertThat(mqtt.keepAliveSeconds()).isEqualTo(30);
    assertThat(mqtt.sessionExpirySeconds()).isGreaterThan(mqtt.willDelaySeconds());
    for (EntityClass c : EntityClass.values()) {
      assertThat(mqtt.telemetry().intervalMs(c)).as(c.key()).isEqualTo(10_000);
    }
    assertThat(mqtt.embedded().maxMessageBytes()).isGreaterThan(8 * 1024);
  }

  @Test
  void oneClassIntervalCanBeSetFromTheCommandLine() throws ConfigException {
    AgentConfig c = AgentSections.load(null, List.of("mqtt.telemetry.intervalsMs.lane=60000"));
    assertThat(c.get(MqttConfig.SECTION).telemetry().intervalMs(EntityClass.LANE)).isEqualTo(60_000);
    assertThat(c.get(MqttConfig.SECTION).telemetry().intervalMs(EntityClass.LASER)).isEqualTo(10_000);
  }

  @Test
  void badValuesAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> AgentSections.load(null, List.of("mqtt.telemetry.intervalsMs.lane=-1")))
        .hasMessageContaining("intervalsMs.lane");
    assertThatThrownBy(() -> AgentSections.load(null, List.of("mqtt.willDelaySeconds=120")))
        .hasMessageContaining("sessionExpirySeconds");
    assertThatThrownBy(() -> AgentSections.load(null, List.of("mqtt.tls.certFile=/x.pem")))
        .hasMessageContaining("keyFile");
    assertThatThrownBy(() -> AgentSections.load(null, List.of("mqtt.url=http://broker")))
        .hasMessageContaining("url");
  }
}
