package dev.cpo.agent.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An MQTT 5 subscriber to the switch's {@code events} topic (QoS 1), stamping each message on arrival. */
final class EventSubscriber implements AutoCloseable {

  /** One events message: when it arrived and its JSON text. */
  record Message(long nanos, String json) implements Signal {
    /** {@code kind} is the event type (alarm-raised, alarm-cleared); the entity appears as a JSON string. */
    @Override
    public boolean matches(String kind, String entity) {
      return json.contains("\"" + kind + "\"") && json.contains("\"" + entity + "\"");
    }
  }

  private final BlockingQueue<Signal> received = new LinkedBlockingQueue<>();
  private final MqttClient client;

  EventSubscriber(String brokerUrl, String topic) throws MqttException {
    client = new MqttClient(brokerUrl, "cpo-bench-" + ProcessHandle.current().pid(), new MemoryPersistence());
    client.setCallback(new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    client.connect(options);
    client.subscribe(topic, 1);
  }

  BlockingQueue<Signal> received() {
    return received;
  }

  @Override
  public void close() throws MqttException {
    try {
      client.disconnect();
    } finally {
      client.close();
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      received.add(new Message(System.nanoTime(), new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      // The run fails on its own when the awaited events stop arriving.
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      // As above: a missing event is reported by the wait for it, naming the entity.
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // Only subscribes.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // Connected synchronously in the constructor.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // No enhanced authentication.
    }
  }
}
