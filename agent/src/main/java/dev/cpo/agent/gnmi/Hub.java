package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Subscribe stream shares: the tree, the sensor statistics, one stream thread on which all
 * sessions sample, diff and react (so a session's state needs no locks; it is the transport's event
 * loop, see the constructor), the agent's event bus
 * subscription fanned out to the sessions, and a per-poll-interval look at the agent's snapshot.
 */
final class Hub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  final OcTree tree;
  final AgentView agent;
  final SensorStats stats;
  final GnmiConfig config;
  final GnmiStats counters;
  final long defaultSampleNanos;
  final ScheduledExecutorService stream;
  private final Set<SubscribeSession> sessions = ConcurrentHashMap.newKeySet();
  private final ScheduledFuture<?> tick;
  private EventBus.Subscription events;
  private long lastSequence = -1;
  private final Map<String, List<ByteString>> samples = new HashMap<>();
  private long samplesSequence = -1;

  /**
   * @param stream the thread every session runs on: the gNMI transport's event loop, so that what a
   *     session sends is written to the socket by the thread that built it, with no hand-over between
   *     the event (or the sample tick) and the write
   */
  Hub(OcTree tree, AgentView agent, GnmiConfig config, GnmiStats counters, long pollIntervalMillis,
      ScheduledExecutorService stream) {
    this.tree = tree;
    this.agent = agent;
    this.config = config;
    this.counters = counters;
    this.stats = new SensorStats(tree.inventory().sensors().size());
    this.defaultSampleNanos = TimeUnit.MILLISECONDS.toNanos(pollIntervalMillis);
    this.stream = stream;
    this.tick = stream.scheduleAtFixedRate(this::guardedTick, 0, pollIntervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts following the agent's events: the same ones that drive traps and MQTT events. */
  void start() {
    events = agent.events().subscribe("gnmi", e -> stream.execute(() -> onEvent(e)));
  }

  View view() {
    return new View(agent.latest(), stats);
  }

  /**
   * One snapshot's notifications for a SAMPLE subscription that sends every value, built and encoded
   * once however many streams subscribe the same way (16 collectors of every lane reading cost one
   * build a second, and gRPC sends the same bytes to each).
   * Stream thread only; emptied when the snapshot changes, so it holds one snapshot's worth at most.
   *
   * @param signature what makes two subscriptions' notifications identical: paths, encoding, target
   */
  List<ByteString> sampled(String signature, View v, Supplier<List<ByteString>> build) {
    long seq = v.hal().sequence();
    if (seq != samplesSequence) {
      samples.clear();
      samplesSequence = seq;
    }
    return samples.computeIfAbsent(signature, k -> build.get());
  }

  void add(SubscribeSession s) {
    sessions.add(s);
    counters.subscriptions.incrementAndGet();
    counters.activeSubscriptions.incrementAndGet();
  }

  void remove(SubscribeSession s) {
    if (sessions.remove(s)) {
      counters.activeSubscriptions.decrementAndGet();
    }
  }

  private void guardedTick() {
    // Guarded: a throw would cancel the fixed-rate task for good.
    try {
      AgentSnapshot latest = agent.latest();
      if (latest.hal().sequence() == lastSequence) {
        return;
      }
      lastSequence = latest.hal().sequence();
      stats.add(latest.hal());
      View v = new View(latest, stats);
      for (SubscribeSession s : sessions) {
        s.onSnapshot(v);
      }
    } catch (RuntimeException e) {
      LOG.error("gNMI snapshot tick failed", e);
    }
  }

  private void onEvent(AgentEvent e) {
    try {
      View v = view();
      for (SubscribeSession s : sessions) {
        s.onEvent(e, v);
      }
    } catch (RuntimeException ex) {
      LOG.error("gNMI event {} failed", e, ex);
    }
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    tick.cancel(false);
    for (SubscribeSession s : sessions) {
      s.stop();
    }
  }
}
