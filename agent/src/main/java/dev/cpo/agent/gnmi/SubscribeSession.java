package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.gnmi.proto.Encoding;
import dev.cpo.agent.gnmi.proto.SubscribeRequest;
import dev.cpo.agent.gnmi.proto.Subscription;
import dev.cpo.agent.gnmi.proto.SubscriptionList;
import dev.cpo.agent.gnmi.proto.SubscriptionMode;
import dev.cpo.hal.Entity;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Subscribe stream (gNMI 3.5): ONCE, POLL, or STREAM with SAMPLE, ON_CHANGE and TARGET_DEFINED
 * subscriptions. Everything it does runs on the {@link Hub}'s stream thread; what it sends goes
 * through its {@link Outbox}.
 *
 * <p>SAMPLE reads the agent's latest snapshot every sample_interval; with suppress_redundant a value
 * equal to the last one sent is left out unless heartbeat_interval has passed. ON_CHANGE sends a value
 * when the agent's StateChanged / AlarmRaised / AlarmCleared event says it changed (the events that
 * drive traps and MQTT events), and compares every new snapshot for whatever no event announces; a
 * cleared alarm is a delete of its list entry. TARGET_DEFINED streams analog readings and counters as
 * SAMPLE and everything else as ON_CHANGE.
 */
final class SubscribeSession implements StreamObserver<SubscribeRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(SubscribeSession.class);

  /**
   * What gRPC may hold for one stream's transport before isReady() says wait (32 KiB by default; set
   * by {@link TargetedSubscribe} when the call starts): a 1 s sample of every lane reading (about 160
   * KiB) then goes to the transport in one go from the stream thread, rather than resumed piecewise
   * from gRPC's callback threads. Bounded all the same: what does not fit waits in the Outbox, whose
   * own bound closes a stream that does not read.
   */
  static final int TRANSPORT_BYTES = 256 * 1024;

  private final Hub hub;
  private final Outbox out;
  private final String peer;
  private final List<Entry> entries = new ArrayList<>();
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private SubscriptionList.Mode mode;
  private Encoding encoding;
  private String target = "";
  private boolean started;
  private volatile boolean ended;

  SubscribeSession(Hub hub, ServerCallStreamObserver<ByteString> observer, String peer) {
    this.hub = hub;
    this.peer = peer;
    this.out = new Outbox(observer, hub.config.queueBytes(), this::overflowed);
    observer.setOnReadyHandler(out::drain);
    observer.setOnCancelHandler(() -> {
      out.cancelled();
      hub.stream.execute(this::shutdown);
    });
  }

  // ---- client messages

  @Override
  public void onNext(SubscribeRequest req) {
    hub.stream.execute(() -> {
      try {
        handle(req);
      } catch (StatusRuntimeException e) {
        out.fail(e.getStatus());
        shutdown();
      } catch (IllegalArgumentException e) {
        out.fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        shutdown();
      } catch (RuntimeException e) {
        LOG.error("gNMI Subscribe from {} failed", peer, e);
        out.fail(Status.INTERNAL.withDescription("internal error: " + e));
        shutdown();
      }
    });
  }

  @Override
  public void onError(Throwable t) {
    hub.stream.execute(this::shutdown);
  }

  @Override
  public void onCompleted() {
    // The client will send no more polls: a POLL stream ends; STREAM goes on until cancelled.
    hub.stream.execute(() -> {
      if (mode == SubscriptionList.Mode.POLL) {
        out.complete();
        shutdown();
      }
    });
  }

  private void handle(SubscribeRequest req) {
    if (ended) {
      return;
    }
    switch (req.getRequestCase()) {
      case SUBSCRIBE -> {
        if (started) {
          throw new IllegalArgumentException("a Subscribe stream takes one SubscriptionList, in its first message");
        }
        start(req.getSubscribe());
      }
      case POLL -> {
        if (!started || mode != SubscriptionList.Mode.POLL) {
          throw new IllegalArgumentException("a Poll message needs a POLL SubscriptionList first (gNMI 3.5.1.5.3)");
        }
        sendAll(hub.view());
        sync();
      }
      default -> throw new IllegalArgumentException("a SubscribeRequest must carry subscribe or poll");
    }
  }

  private void start(SubscriptionList list) {
    mode = list.getMode();
    if (mode == SubscriptionList.Mode.UNRECOGNIZED) {
      throw new IllegalArgumentException("unknown SubscriptionList mode " + list.getModeValue());
    }
    encoding = GnmiService.checkEncoding(list.getEncoding());
    target = list.getPrefix().getTarget();
    if (list.getSubscriptionCount() == 0) {
      throw new IllegalArgumentException("the SubscriptionList has no subscription");
    }
    for (Subscription sub : list.getSubscriptionList()) {
      addEntries(list, sub);
    }
    started = true;
    hub.add(this);
    View v = hub.view();
    if (list.getUpdatesOnly()) {
      remember(v);
    } else {
      sendAll(v);
    }
    sync();
    if (mode == SubscriptionList.Mode.ONCE) {
      out.complete();
      shutdown();
      return;
    }
    if (mode == SubscriptionList.Mode.STREAM) {
      // One timer per sample interval: the subscriptions that share it go out in the same notifications.
      Map<Long, List<Entry>> byInterval = new LinkedHashMap<>();
      for (Entry e : entries) {
        if (e.sample) {
          byInterval.computeIfAbsent(e.intervalNanos, k -> new ArrayList<>()).add(e);
        }
      }
      byInterval.forEach((interval, group) -> timers.add(hub.stream.scheduleAtFixedRate(() -> sample(group), interval,
          interval, TimeUnit.NANOSECONDS)));
    }
    LOG.info("gNMI {} subscription from {}: {} path(s), {} leaves", mode, peer, list.getSubscriptionCount(),
        entries.stream().mapToInt(e -> e.leaves.size()).sum());
  }

  private void addEntries(SubscriptionList list, Subscription sub) {
    String text = PathPattern.text(list.getPrefix(), sub.getPath());
    PathPattern p = PathPattern.of(list.getPrefix(), sub.getPath());
    List<Leaf> leaves = hub.tree.match(p);
    List<DynamicTree> dyn = hub.tree.dynamic(p);
    if (leaves.isEmpty() && dyn.isEmpty()) {
      throw Status.NOT_FOUND.withDescription("no such path: " + text).asRuntimeException();
    }
    if (mode != SubscriptionList.Mode.STREAM) {
      entries.add(new Entry(p, leaves, dyn, false, 0, false, 0));
      return;
    }
    SubscriptionMode m = sub.getMode();
    long heartbeat = sub.getHeartbeatInterval();
    long interval = sub.getSampleInterval() == 0 ? hub.defaultSampleNanos : sub.getSampleInterval();
    long min = TimeUnit.MILLISECONDS.toNanos(hub.config.minSampleIntervalMs());
    switch (m) {
      case SAMPLE -> {
        checkInterval(text, interval, min);
        entries.add(new Entry(p, leaves, dyn, true, interval, sub.getSuppressRedundant(), heartbeat));
      }
      case ON_CHANGE -> entries.add(new Entry(p, leaves, dyn, false, 0, false, heartbeat));
      case TARGET_DEFINED -> {
        List<Leaf> sampled = new ArrayList<>();
        List<Leaf> changed = new ArrayList<>();
        for (Leaf l : leaves) {
          (l.kind().sampledByDefault() ? sampled : changed).add(l);
        }
        if (!sampled.isEmpty()) {
          checkInterval(text, interval, min);
          entries.add(new Entry(p, sampled, List.of(), true, interval, sub.getSuppressRedundant(), heartbeat));
        }
        if (!changed.isEmpty() || !dyn.isEmpty()) {
          entries.add(new Entry(p, changed, dyn, false, 0, false, heartbeat));
        }
      }
      default -> throw new IllegalArgumentException("unknown subscription mode " + sub.getModeValue() + " for " + text);
    }
  }

  private static void checkInterval(String path, long interval, long min) {
    if (interval < min) {
      throw new IllegalArgumentException("sample_interval " + interval + " ns for " + path
          + " is shorter than this target's minimum of " + min + " ns (gnmi.minSampleIntervalMs)");
    }
  }

  // ---- sending

  /** Every subscribed value now (initial updates, POLL, ONCE). */
  private void sendAll(View v) {
    Batch b = batch(v.timestampNanos());
    long now = System.nanoTime();
    for (Entry e : entries) {
      for (int i = 0; i < e.leaves.size(); i++) {
        Object val = e.leaves.get(i).value(v);
        if (val != null) {
          b.update(e.leaves.get(i), val, e.pattern.origin());
          e.last[i] = val;
          e.lastSent[i] = now;
        }
      }
      for (DynamicTree t : e.dyn) {
        t.collect(e.pattern, v, (prefix, rel, val) -> {
          b.update(prefix, rel, val, e.pattern.origin());
          e.dynLast.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(rel, val);
        });
      }
      e.lastBeat = now;
    }
    if (!b.isEmpty()) {
      out.offerDump(b.encode());
    }
  }

  /** updates_only: the current values are the baseline, nothing is sent for them. */
  private void remember(View v) {
    long now = System.nanoTime();
    for (Entry e : entries) {
      for (int i = 0; i < e.leaves.size(); i++) {
        e.last[i] = e.leaves.get(i).value(v);
        e.lastSent[i] = now;
      }
      for (DynamicTree t : e.dyn) {
        t.collect(e.pattern, v, (prefix, rel, val) ->
            e.dynLast.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(rel, val));
      }
      e.lastBeat = now;
    }
  }

  private void sample(List<Entry> group) {
    if (ended) {
      return;
    }
    try {
      View v = hub.view();
      if (group.stream().allMatch(e -> !e.suppress && e.heartbeatNanos == 0 && e.dyn.isEmpty())) {
        // Every value, every time: the same for every stream subscribed alike, so built once.
        StringBuilder signature = new StringBuilder(encoding + "|" + target);
        for (Entry e : group) {
          signature.append('|').append(e.pattern).append('#').append(e.leaves.size());
        }
        send(hub.sampled(signature.toString(), v, () -> {
          Batch all = batch(v.timestampNanos());
          for (Entry e : group) {
            for (Leaf l : e.leaves) {
              Object val = l.value(v);
              if (val != null) {
                all.update(l, val, e.pattern.origin());
              }
            }
          }
          return all.encode();
        }));
        return;
      }
      Batch b = batch(v.timestampNanos());
      long now = System.nanoTime();
      for (Entry e : group) {
        for (int i = 0; i < e.leaves.size(); i++) {
          Object val = e.leaves.get(i).value(v);
          if (val == null) {
            continue;
          }
          boolean beat = due(now, e.lastSent[i], e.heartbeatNanos, e.intervalNanos);
          if (!e.suppress || beat || !val.equals(e.last[i])) {
            b.update(e.leaves.get(i), val, e.pattern.origin());
            e.last[i] = val;
            e.lastSent[i] = now;
          }
        }
        boolean beat = due(now, e.lastBeat, e.heartbeatNanos, e.intervalNanos);
        diffDynamic(e, v, b, !e.suppress || beat);
        if (beat) {
          e.lastBeat = now;
        }
      }
      flush(b);
    } catch (RuntimeException ex) {
      LOG.error("gNMI sample for {} failed", peer, ex);
    }
  }

  /** A new snapshot: ON_CHANGE entries send what changed, and heartbeats fall due. */
  void onSnapshot(View v) {
    if (!started || ended || mode != SubscriptionList.Mode.STREAM) {
      return;
    }
    Batch b = batch(v.timestampNanos());
    long now = System.nanoTime();
    for (Entry e : entries) {
      if (e.sample) {
        continue;
      }
      boolean beat = due(now, e.lastBeat, e.heartbeatNanos, hub.defaultSampleNanos);
      for (int i = 0; i < e.leaves.size(); i++) {
        changed(e, i, e.leaves.get(i).value(v), b, beat);
      }
      diffDynamic(e, v, b, beat);
      if (beat) {
        e.lastBeat = now;
      }
    }
    flush(b);
  }

  /** An agent event: the ON_CHANGE leaves it concerns, valued as the event says. */
  void onEvent(AgentEvent event, View v) {
    if (!started || ended || mode != SubscriptionList.Mode.STREAM) {
      return;
    }
    Batch b = batch(event.timeMillis() * 1_000_000L);
    if (event instanceof AgentEvent.StateChanged sc) {
      Optional<Entity> entity = hub.tree.inventory().entity(sc.entity());
      if (entity.isEmpty()) {
        return;
      }
      int idx = entity.get().index();
      View ev = v.withStatus(idx, sc.after());
      for (Entry e : entries) {
        int[] positions = e.sample ? null : e.byEntity.get(idx);
        if (positions != null) {
          for (int i : positions) {
            changed(e, i, e.leaves.get(i).value(ev), b, false);
          }
        }
      }
    } else if (event instanceof AgentEvent.AlarmRaised ar) {
      for (Entry e : entries) {
        if (!e.sample && e.dyn.contains(hub.tree.alarms())) {
          hub.tree.alarms().collect(e.pattern, ar.alarm(), (prefix, rel, val) -> {
            Map<Elems, Object> last = e.dynLast.computeIfAbsent(prefix, k -> new LinkedHashMap<>());
            if (!val.equals(last.get(rel))) {
              last.put(rel, val);
              b.update(prefix, rel, val, e.pattern.origin());
            }
          });
        }
      }
    } else if (event instanceof AgentEvent.AlarmCleared ac) {
      Elems prefix = AlarmTree.prefix(ac.alarm().id());
      for (Entry e : entries) {
        if (!e.sample && e.dynLast.remove(prefix) != null) {
          b.delete(prefix.parent());
        }
      }
    }
    flush(b);
  }

  /**
   * Whether a heartbeat is due at this tick. Ticks come every {@code tickNanos}, so a heartbeat that
   * falls due within half a tick goes now rather than a whole tick late.
   */
  private static boolean due(long now, long lastSent, long heartbeatNanos, long tickNanos) {
    return heartbeatNanos > 0 && now - lastSent + tickNanos / 2 >= heartbeatNanos;
  }

  private void changed(Entry e, int i, Object val, Batch b, boolean beat) {
    if (val == null) {
      return;
    }
    if (beat || !val.equals(e.last[i])) {
      b.update(e.leaves.get(i), val, e.pattern.origin());
      e.last[i] = val;
      e.lastSent[i] = System.nanoTime();
    }
  }

  /** Dynamic subtrees: changed or new values are updates, entries gone are deletes. */
  private void diffDynamic(Entry e, View v, Batch b, boolean all) {
    if (e.dyn.isEmpty()) {
      return;
    }
    Map<Elems, Map<Elems, Object>> now = new LinkedHashMap<>();
    for (DynamicTree t : e.dyn) {
      t.collect(e.pattern, v, (prefix, rel, val) -> now.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(rel, val));
    }
    for (Map.Entry<Elems, Map<Elems, Object>> entry : now.entrySet()) {
      Map<Elems, Object> last = e.dynLast.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>());
      for (Map.Entry<Elems, Object> leaf : entry.getValue().entrySet()) {
        if (all || !Objects.equals(leaf.getValue(), last.get(leaf.getKey()))) {
          b.update(entry.getKey(), leaf.getKey(), leaf.getValue(), e.pattern.origin());
          last.put(leaf.getKey(), leaf.getValue());
        }
      }
    }
    for (Iterator<Elems> it = e.dynLast.keySet().iterator(); it.hasNext(); ) {
      Elems prefix = it.next();
      if (!now.containsKey(prefix)) {
        it.remove();
        b.delete(prefix.parent());
      }
    }
  }

  private Batch batch(long timestampNanos) {
    return new Batch(encoding, timestampNanos, target);
  }

  private void flush(Batch b) {
    if (!b.isEmpty()) {
      send(b.encode());
    }
  }

  private void send(List<ByteString> responses) {
    for (ByteString r : responses) {
      if (!out.offer(r)) {
        return;
      }
    }
  }

  private void sync() {
    out.offer(Batch.SYNC);
  }

  // ---- ending

  private void overflowed() {
    // Counted after the session has left the hub, so whoever reads the counters never sees a drop
    // whose subscription is still counted active.
    hub.stream.execute(() -> {
      shutdown();
      long n = hub.counters.slowSubscribersDropped.incrementAndGet();
      LOG.warn("gNMI subscriber {} is not reading: subscription closed with RESOURCE_EXHAUSTED ({} dropped so far)",
          peer, n);
    });
  }

  /** Stops sampling and leaves the hub; the stream itself is ended by whoever called. */
  void shutdown() {
    if (ended) {
      return;
    }
    ended = true;
    for (ScheduledFuture<?> t : timers) {
      t.cancel(false);
    }
    hub.remove(this);
  }

  /** The target is stopping. */
  void stop() {
    out.fail(Status.UNAVAILABLE.withDescription("the gNMI target is stopping"));
    shutdown();
  }

  /** One subscription's leaves and how they are streamed. */
  private static final class Entry {
    final PathPattern pattern;
    final List<Leaf> leaves;
    final List<DynamicTree> dyn;
    final boolean sample;
    final long intervalNanos;
    final boolean suppress;
    final long heartbeatNanos;
    final Object[] last;
    final long[] lastSent;
    final Map<Elems, Map<Elems, Object>> dynLast = new HashMap<>();
    final Map<Integer, int[]> byEntity = new HashMap<>();
    long lastBeat;

    Entry(PathPattern pattern, List<Leaf> leaves, List<DynamicTree> dyn, boolean sample, long intervalNanos,
        boolean suppress, long heartbeatNanos) {
      this.pattern = pattern;
      this.leaves = leaves;
      this.dyn = dyn;
      this.sample = sample;
      this.intervalNanos = intervalNanos;
      this.suppress = suppress;
      this.heartbeatNanos = heartbeatNanos;
      this.last = new Object[leaves.size()];
      this.lastSent = new long[leaves.size()];
      Map<Integer, List<Integer>> by = new HashMap<>();
      for (int i = 0; i < leaves.size(); i++) {
        if (leaves.get(i).kind() == Leaf.Kind.STATE) {
          by.computeIfAbsent(leaves.get(i).entity(), k -> new ArrayList<>()).add(i);
        }
      }
      by.forEach((k, v) -> byEntity.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }
  }
}
