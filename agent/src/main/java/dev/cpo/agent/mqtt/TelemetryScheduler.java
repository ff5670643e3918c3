package dev.cpo.agent.mqtt;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.mqtt.link.Lane;
import dev.cpo.agent.mqtt.link.OutboundMessage;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code telemetry/<class>/<entity>} from the agent's latest snapshot, one timer per distinct
 * interval. QoS 0, not retained, with a message expiry of twice the interval: a reading that old is
 * noise to a consumer that connects late. A tick that throws is logged and the next one still runs.
 *
 * <p>A tick's messages (about 900 on the default switch) are spread over a quarter of the interval (at
 * most one second) in {@value #SLICES} slices instead of one burst: Moquette drops messages to a
 * subscriber whose socket buffer is full (its {@code sendIfWritableElseDrop}), and a burst fills it.
 */
final class TelemetryScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(TelemetryScheduler.class);

  private final AgentView view;
  private final Topics topics;
  private final Payloads payloads;
  private final MqttConfig.Telemetry config;
  private final Consumer<List<OutboundMessage>> sink;
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private ScheduledExecutorService executor;

  static final int SLICES = 20;

  TelemetryScheduler(AgentView view, Topics topics, Payloads payloads, MqttConfig.Telemetry config,
      Consumer<List<OutboundMessage>> sink) {
    this.view = view;
    this.topics = topics;
    this.payloads = payloads;
    this.config = config;
    this.sink = sink;
  }

  /** The shortest configured interval, for meta; 0 when telemetry is off. */
  long shortestIntervalMs() {
    long min = 0;
    for (EntityClass c : EntityClass.values()) {
      long ms = config.intervalMs(c);
      if (ms > 0 && (min == 0 || ms < min)) {
        min = ms;
      }
    }
    return min;
  }

  void start(ScheduledExecutorService executor) {
    this.executor = executor;
    Map<Long, Set<EntityClass>> byInterval = new TreeMap<>();
    for (EntityClass c : EntityClass.values()) {
      long ms = config.intervalMs(c);
      if (ms > 0) {
        byInterval.computeIfAbsent(ms, k -> EnumSet.noneOf(EntityClass.class)).add(c);
      }
    }
    byInterval.forEach((ms, classes) -> timers.add(executor.scheduleAtFixedRate(() -> tick(classes, ms), 0, ms,
        TimeUnit.MILLISECONDS)));
  }

  void stop() {
    timers.forEach(t -> t.cancel(false));
    timers.clear();
  }

  private void tick(Set<EntityClass> classes, long intervalMs) {
    try {
      List<OutboundMessage> all = messages(classes, intervalMs);
      long spreadMs = Math.min(intervalMs / 4, 1_000);
      int perSlice = Math.max(1, (all.size() + SLICES - 1) / SLICES);
      for (int i = 0, slice = 0; i < all.size(); i += perSlice, slice++) {
        List<OutboundMessage> part = all.subList(i, Math.min(all.size(), i + perSlice));
        if (slice == 0) {
          sink.accept(part);
        } else {
          executor.schedule(() -> sink.accept(part), slice * spreadMs / SLICES, TimeUnit.MILLISECONDS);
        }
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // The publisher is stopping: the rest of this tick's slices have nowhere to go.
      if (!executor.isShutdown()) {
        LOG.error("MQTT telemetry tick failed; the next one runs as scheduled", e);
      }
    } catch (RuntimeException e) {
      // Guarded: a bad snapshot must not cancel the timer (scheduleAtFixedRate stops on a throw).
      LOG.error("MQTT telemetry tick failed; the next one runs as scheduled", e);
    }
  }

  List<OutboundMessage> messages(Set<EntityClass> classes, long intervalMs) {
    AgentSnapshot latest = view.latest();
    if (latest == null) {
      return List.of();
    }
    HalSnapshot snap = latest.hal();
    long expirySeconds = Math.max(1, (2 * intervalMs + 999) / 1000);
    List<OutboundMessage> out = new ArrayList<>();
    for (Entity e : snap.inventory().entities()) {
      if (!classes.contains(e.entityClass())) {
        continue;
      }
      SeqPayload payload = payloads.telemetry(snap, e);
      if (payload != null) {
        out.add(OutboundMessage.of(Lane.TELEMETRY, topics.telemetry(e.entityClass(), e.name()), payload, 0, false,
            expirySeconds));
      }
    }
    return out;
  }
}
