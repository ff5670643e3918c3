package dev.cpo.agent.mqtt;

import static org.awaitility.Awaitility.await;

import dev.cpo.agent.mqtt.link.Backoff;
import dev.cpo.agent.mqtt.link.ConnectionSupervisor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A consumer as a telemetry pipeline would run one: MQTT 5, QoS 1 subscriptions, optionally a
 * persistent session (clean start off, a session expiry) so the broker queues what it misses while it
 * is away. Reconnects by itself quickly (the agent's own supervisor, with short delays).
 */
final class TestSubscriber implements AutoCloseable {

  /** One received message; {@code receivedNanos} is System.nanoTime() on arrival. */
  record Received(String topic, byte[] payload, boolean retained, MqttProperties properties, long receivedNanos) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final ConnectionSupervisor supervisor;

  private TestSubscriber(String url, String clientId, boolean persistentSession, SocketFactory sockets,
      String... filters) {
    ConnectionSupervisor.Listener listener = new ConnectionSupervisor.Listener() {
      @Override
      public MqttConnectionOptions optionsForNextAttempt() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!persistentSession);
        o.setSessionExpiryInterval(persistentSession ? 600L : 0L);
        o.setAutomaticReconnect(false);
        o.setSocketFactory(sockets != null ? sockets : dev.cpo.agent.mqtt.link.NoDelaySockets.plain());
        return o;
      }

      @Override
      public void connected(int receiveMaximum) {
        MqttSubscription[] subs = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
          subs[i] = new MqttSubscription(filters[i], 1);
        }
        try {
          supervisor().client().subscribe(subs).waitForCompletion(5000);
        } catch (MqttException e) {
          throw new IllegalStateException("subscribe failed", e);
        }
        subscriptions.incrementAndGet();
      }

      @Override
      public void disconnected() {
        // The supervisor reconnects.
      }

      @Override
      public void messageArrived(String topic, MqttMessage m) {
        received.add(new Received(topic, m.getPayload(), m.isRetained(), m.getProperties(), System.nanoTime()));
      }
    };
    this.supervisor = new ConnectionSupervisor(url, clientId, new Backoff(100, 300, bound -> bound), executor, listener);
  }

  private ConnectionSupervisor supervisor() {
    return supervisor;
  }

  /** Connects and subscribes (QoS 1, clean session); returns once the subscription is acknowledged. */
  static TestSubscriber connect(String url, String clientId, String... filters) throws MqttException {
    return connect(url, clientId, false, null, filters);
  }

  static TestSubscriber connect(String url, String clientId, boolean persistentSession, SocketFactory sockets,
      String... filters) throws MqttException {
    TestSubscriber s = new TestSubscriber(url, clientId, persistentSession, sockets, filters);
    s.supervisor.start();
    await("subscriber " + clientId + " subscribed").atMost(Duration.ofSeconds(10))
        .until(() -> s.subscriptions.get() > 0);
    return s;
  }

  /** Times it (re)subscribed, i.e. connected. */
  int connections() {
    return subscriptions.get();
  }

  List<Received> received() {
    return received;
  }

  List<Received> on(Predicate<String> topic) {
    return received.stream().filter(r -> topic.test(r.topic())).toList();
  }

  List<Received> on(String topic) {
    return on(topic::equals);
  }

  /** Publishes from this connection (commands) and waits for the broker to take it. */
  void publish(String topic, MqttMessage m) throws MqttException {
    supervisor.client().publish(topic, m).waitForCompletion(5000);
  }

  @Override
  public void close() {
    supervisor.stop();
    executor.shutdownNow();
  }
}
