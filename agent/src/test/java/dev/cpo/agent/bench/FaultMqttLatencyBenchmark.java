package dev.cpo.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.config.ConfigLoader;
import dev.cpo.agent.mqtt.MqttPublisher;
import dev.cpo.agent.mqtt.link.NoDelaySockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injected -> MQTT event received, end to end through the product as {@code run} composes it
 * ({@link Product} with its embedded broker, default settings): {@code laser-failure} on a laser, then
 * the time until an in-process Paho MQTT 5 subscriber (QoS 1 on {@code cpo/v1/<switch>/events}, TCP
 * no-delay like the agent's own client) receives the {@code alarm-raised} event naming that laser. The
 * path: the simulator's interrupt, the agent's immediate cycle, the event bus, the publisher's outbox,
 * Paho, Moquette, Paho. The fault is cleared, and its {@code alarm-cleared} awaited, between injections
 * (the loop: {@link FaultLatency}, shared with {@link FaultTrapLatencyBenchmark}).
 *
 * <p>Run with {@code bench/fault-mqtt.sh [measured injections, default 200]}.
 */
public final class FaultMqttLatencyBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(FaultMqttLatencyBenchmark.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FaultMqttLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int measured = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path state = Files.createTempDirectory("cpo-fault-mqtt-bench");
    Product product = Product.of(ConfigLoader.load(null, List.of("snmp.port=0", "control.port=0", "traps.port=9",
        "mqtt.embedded.port=0", "state.dir=" + state)));
    product.start();
    FaultLatency.Arrivals arrivals = new FaultLatency.Arrivals();
    MqttAsyncClient subscriber = null;
    long[] nanos;
    try {
      MqttPublisher publisher = product.mqtt();
      awaitReady(publisher);
      subscriber = subscribe(product.broker().url(), publisher.topics().events(), arrivals);
      nanos = FaultLatency.measure(product, measured, arrivals, "alarm-raised", "alarm-cleared");
    } finally {
      if (subscriber != null) {
        subscriber.disconnect().waitForCompletion(2000);
        subscriber.close();
      }
      product.stop();
    }
    FaultLatency.print("fault -> MQTT event received (laser-failure -> alarm-raised on cpo/v1/<switch>/events,"
        + " embedded Moquette, in-process Paho subscriber at QoS 1, interrupt path)", nanos);
  }

  /** Waits, without sleeping in a loop, until the publisher is connected and has sent its birth. */
  private static void awaitReady(MqttPublisher publisher) throws Exception {
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    poller.scheduleWithFixedDelay(() -> {
      if (publisher.connected() && publisher.waiting() == 0) {
        ready.complete(null);
      }
    }, 0, 50, TimeUnit.MILLISECONDS);
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the publisher did not connect to the embedded broker within 30 s", e);
    } finally {
      poller.shutdownNow();
    }
  }

  private static MqttAsyncClient subscribe(String url, String events, FaultLatency.Arrivals arrivals)
      throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, "fault-mqtt-bench", new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) throws IOException {
        long now = System.nanoTime();
        JsonNode event = JSON.readTree(message.getPayload());
        arrivals.arrived(now, event.path("type").asText(), List.of(event.path("entity").asText()));
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {
        // The injection loop then fails on its 10 s timeout; this says why.
        LOG.error("the benchmark's subscriber was disconnected: {}", response);
      }

      @Override
      public void mqttErrorOccurred(MqttException e) {
        LOG.error("the benchmark's subscriber failed", e);
      }

      @Override
      public void deliveryComplete(IMqttToken token) {
        // It publishes nothing.
      }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        // Subscribed below, once connected.
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
      }
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setSocketFactory(NoDelaySockets.plain());
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(events, 1).waitForCompletion(10_000);
    return client;
  }
}
