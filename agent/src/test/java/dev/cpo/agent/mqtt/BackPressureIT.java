package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.mqtt.link.Backoff;
import dev.cpo.agent.mqtt.link.ConnectionSupervisor;
import dev.cpo.agent.mqtt.link.Lane;
import dev.cpo.agent.mqtt.link.OutboundMessage;
import dev.cpo.agent.mqtt.link.Outbox;
import dev.cpo.agent.mqtt.link.Sender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paho refuses a QoS 1 publish past the broker's receive maximum with error 32202 (Mosquitto's is 20).
 * The sender treats that as back-pressure: nothing is lost, sending resumes on the next acknowledgement.
 */
class BackPressureIT {

  @TempDir Path dir;

  @Test
  void aWindowLargerThanMosquittosReceiveMaximumIsBackPressureAndLosesNothing() throws Exception {
    Mosquitto mosquitto = new Mosquitto(dir).start();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    Outbox outbox = new Outbox(10_000);
    AtomicReference<Sender> sender = new AtomicReference<>();
    ConnectionSupervisor supervisor = new ConnectionSupervisor(mosquitto.url("tcp"), "pushy", new Backoff(100, 500,
        b -> b), executor, new ConnectionSupervisor.Listener() {
          @Override
          public MqttConnectionOptions optionsForNextAttempt() {
            return new MqttConnectionOptions();
          }

          @Override
          public void connected(int receiveMaximum) {
            // Deliberately ignore the broker's limit, as a misconfigured window would.
            sender.get().window(64);
            sender.get().drain();
          }

          @Override
          public void disconnected() {
            sender.get().disconnected();
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {}
        });
    sender.set(new Sender(outbox, supervisor, executor));
    TestSubscriber sub = TestSubscriber.connect(mosquitto.url("tcp"), "counter", "load/#");
    try {
      int n = 1_000;
      for (int i = 0; i < n; i++) {
        outbox.offer(OutboundMessage.of(Lane.EVENT, "load/x", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1,
            false));
      }
      supervisor.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> sub.received().size() >= n);

      assertThat(sender.get().backPressureEvents()).as("32202 happened").isPositive();
      assertThat(sub.received()).extracting(TestSubscriber.Received::text)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList());
      assertThat(outbox.droppedCounts()).isEqualTo("{}");
    } finally {
      sub.close();
      supervisor.stop();
      executor.shutdownNow();
      mosquitto.stop();
    }
  }
}
