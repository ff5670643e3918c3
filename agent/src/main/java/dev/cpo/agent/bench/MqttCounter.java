package dev.cpo.agent.bench;

import java.io.IOException;
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

/** A Paho QoS 0 subscriber to {@code cpo/v1/#} that counts every message, keeping none (a subclass may keep them). */
class MqttCounter implements MqttCallback, AutoCloseable {
  final AtomicLong count = new AtomicLong();
  private final MqttClient client;

  /** @param clientIdPrefix this JVM's pid and a nanosecond stamp follow, so two counters never share an id */
  MqttCounter(String url, String clientIdPrefix) throws IOException {
    try {
      client = new MqttClient(url, clientIdPrefix + ProcessHandle.current().pid() + "-" + System.nanoTime(),
          new MemoryPersistence());
      client.setCallback(this);
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      client.connect(o);
      client.subscribe("cpo/v1/#", 0);
    } catch (MqttException e) {
      throw new IOException("cannot subscribe to " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    count.incrementAndGet();
  }

  @Override
  public void disconnected(MqttDisconnectResponse r) {
    // The count simply stops; the figures show it.
  }

  @Override
  public void mqttErrorOccurred(MqttException e) {
    // As above.
  }

  @Override
  public void deliveryComplete(IMqttToken t) {
    // Only subscribes.
  }

  @Override
  public void connectComplete(boolean reconnect, String uri) {
    // Connected synchronously.
  }

  @Override
  public void authPacketArrived(int code, MqttProperties p) {
    // No enhanced authentication.
  }

  @Override
  public void close() {
    try {
      client.disconnect();
      client.close();
    } catch (MqttException e) {
      // The broker is being stopped anyway.
    }
  }
}
