package dev.cpo.agent.gnmi;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Subscribe stream shares: the tree, the sensor statistics, one stream thread on which all
 * sessions sample, diff and react (so a session's state needs no locks), the agent's event bus
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
  private EventBus.Subscription events;
  private long lastSequence = -1;

  Hub(OcTree tree, AgentView agent, GnmiConfig config, GnmiStats counters, long pollIntervalMillis) {
    this.tree = tree;
    this.agent = agent;
    this.config = config;
    this.counters = counters;
    this.stats = new SensorStats(tree.inventory().sensors().size());
    this.defaultSampleNanos = TimeUnit.MILLISECONDS.toNanos(pollIntervalMillis);
    this.stream = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gnmi-stream");
      t.setDaemon(true);
      return t;
    });
    stream.scheduleAtFixedRate(this::guardedTick, 0, pollIntervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts following the agent's events: the same ones that drive traps and MQTT events. */
  void start() {
    events = agent.events().subscribe("gnmi", e -> stream.execute(() -> onEvent(e)));
  }

  View view() {
    return new View(agent.latest(), stats);
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
    for (SubscribeSession s : sessions) {
      s.stop();
    }
    stream.shutdownNow();
  }
}
