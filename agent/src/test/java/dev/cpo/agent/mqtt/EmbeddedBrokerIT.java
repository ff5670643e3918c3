package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.config.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/** The northbound contract against the embedded Moquette broker, plus what is special about it. */
class EmbeddedBrokerIT extends NorthboundContract {

  private EmbeddedBroker broker;

  @Override
  String startBroker(Path dir) throws Exception {
    broker = new EmbeddedBroker(MqttConfig.SECTION.defaults().embedded().withPort(0));
    broker.start();
    return broker.url();
  }

  @Override
  void stopBroker() {
    broker.stop();
  }

  /** Only the agent's credentials may publish the agent's topics here. */
  @Override
  MqttConfig config(String brokerUrl) {
    return broker.agentCredentials().applyTo(super.config(brokerUrl));
  }

  @Test
  void itListensOnLoopbackOnAFreePortAndTakesMessagesOverMoquettesDefault8KbLimit() throws Exception {
    assertThat(broker.port()).isPositive().isNotEqualTo(1883);
    assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
    TestSubscriber sub = subscribe("big/#");
    byte[] big = new byte[20 * 1024];
    sub.publish("big/one", new MqttMessage(big, 1, false, null));
    await().atMost(Duration.ofSeconds(2)).until(() -> !sub.on("big/one").isEmpty());
    assertThat(sub.on("big/one").get(0).payload()).hasSize(big.length);
    // Moquette's interceptor notifications (one per PUBLISH) run on its own thread, not a pool's hand-over.
    assertThat(broker.inlineNotifications()).isTrue();
  }

  @Test
  void itWritesNoStoreInTheWorkingDirectory() {
    assertThat(Files.exists(Path.of("data", "moquette_store.h2"))).isFalse();
    assertThat(Files.exists(Path.of("moquette_store.h2"))).isFalse();
    assertThat(broker.properties(broker.port())).containsEntry("telemetry_enabled", "false").containsEntry("host", "127.0.0.1")
        .containsEntry("persistence_enabled", "false");
  }

  @Test
  void thePublisherBuiltFromTheDefaultConfigFindsTheEmbeddedBroker() throws Exception {
    AgentConfig d = AgentSections.defaults();
    assertThat(d.get(MqttConfig.SECTION).isEmbedded()).isTrue();
    MqttPublisher p = MqttPublisher.of(d, view, broker, TimeBase.wallOnly());
    p.start();
    closeables.add(p::stop);
    await().atMost(Duration.ofSeconds(5)).until(p::connected);
    assertThat(p.clientId()).isEqualTo("cpo-agent-sw1");
  }
}
