package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.mqtt.link.OutboundMessage;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.SimSnapshots;
import dev.cpo.hal.EntityClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class TelemetrySchedulerTest {

  private final FixedAgentView view = new FixedAgentView(SimSnapshots.at(1_000));

  @Test
  void aTickIsSpreadInSlicesInsteadOfOneBurstAndCoversEveryEntityOnce() {
    List<List<OutboundMessage>> batches = new CopyOnWriteArrayList<>();
    TelemetryScheduler scheduler = new TelemetryScheduler(view, new Topics("sw1"), new Payloads("sw1"),
        MqttConfig.Telemetry.every(60_000), batches::add);
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try {
      scheduler.start(executor);
      int expected = scheduler.messages(java.util.EnumSet.allOf(EntityClass.class), 60_000).size();
      await().atMost(Duration.ofSeconds(5))
          .until(() -> batches.stream().mapToInt(List::size).sum() >= expected);
      assertThat(batches).hasSize(TelemetryScheduler.SLICES);
      assertThat(batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(expected / TelemetryScheduler.SLICES + 1));
      assertThat(batches.stream().flatMap(List::stream).map(OutboundMessage::topic).distinct().count()).isEqualTo(expected);
      assertThat(batches.get(0).get(0).expirySeconds()).isEqualTo(120);
      assertThat(batches.get(0).get(0).qos()).isZero();
    } finally {
      scheduler.stop();
      executor.shutdownNow();
    }
  }

  @Test
  void aClassSetToZeroPublishesNoTelemetryWhileTheOthersDo() {
    Map<String, Long> intervals = new java.util.HashMap<>(MqttConfig.Telemetry.every(60_000).intervalsMs());
    intervals.put("lane", 0L);
    List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    TelemetryScheduler scheduler = new TelemetryScheduler(view, new Topics("sw1"), new Payloads("sw1"),
        new MqttConfig.Telemetry(intervals), sent::addAll);
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try {
      scheduler.start(executor);
      await().atMost(Duration.ofSeconds(5)).until(() -> sent.stream().anyMatch(m -> m.topic().contains("/port144")));
      assertThat(sent).noneMatch(m -> m.topic().contains("/telemetry/lane/"));
      assertThat(sent).anyMatch(m -> m.topic().contains("/telemetry/laser/"));
    } finally {
      scheduler.stop();
      executor.shutdownNow();
    }
  }
}
