package dev.cpo.agent.reliability;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An MQTT 5 consumer of everything the agent publishes (QoS 1), counting messages and events without
 * keeping them, so a long soak's heap measures the agent and not this sink.
 */
final class MqttSink implements AutoCloseable {

  private final MqttClient client;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong disconnects = new AtomicLong();

  MqttSink(String brokerUrl, String switchId) throws MqttException {
    client = new MqttClient(brokerUrl, "reliability-sink", new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        messages.incrementAndGet();
        if (topic.endsWith("/events")) {
          events.incrementAndGet();
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {
        disconnects.incrementAndGet();
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
        disconnects.incrementAndGet();
      }

      @Override
      public void deliveryComplete(IMqttToken token) {
        // A subscriber only: nothing is published.
      }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        // Connected once in the constructor; a drop is counted in disconnected().
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
      }
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    client.subscribe("cpo/v1/" + switchId + "/#", 1);
  }

  long messages() {
    return messages.get();
  }

  long events() {
    return events.get();
  }

  long disconnects() {
    return disconnects.get();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
