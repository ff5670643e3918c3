package dev.cpo.agent.mqtt.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages waiting for the broker, and those sent but not yet acknowledged. Bounded: past the capacity,
 * the oldest message of the most expendable lane is dropped (telemetry first, then state, then events,
 * retained alarms last), counted and logged. A message leaves only when the broker acknowledged it; on
 * a disconnect, everything in flight goes back to the front of its lane, so QoS 1 is at-least-once
 * across reconnects (messages carry their seq, so a consumer can drop a duplicate).
 *
 * <p>Sequence numbers ({@link Unnumbered}): a message is numbered when {@link #next()} hands it out, or
 * when it is dropped for room (so the loss shows as a gap); one replaced while waiting by a newer
 * message on the same retained topic is never numbered. A numbered message that goes back in line after
 * a disconnect keeps its number and its place, even when a newer one on its topic waits: it may or may not
 * have reached the broker, and dropping it then could leave a gap with no loss behind it.
 *
 * <p>Thread-safe: every method holds the outbox lock.
 */
public final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /** A message with its place in line; {@code id} orders messages within a lane. */
  public record Entry(long id, OutboundMessage message) {}

  private final int capacity;
  private final Map<Lane, LinkedHashMap<Object, Entry>> lanes = new EnumMap<>(Lane.class);
  private final Map<Long, Entry> inflight = new LinkedHashMap<>();
  private final Map<Lane, Long> dropped = new EnumMap<>(Lane.class);
  private final Consumer<String> dropLog;
  private long nextId;
  private int waiting;

  public Outbox(int capacity) {
    this(capacity, LOG::warn);
  }

  Outbox(int capacity, Consumer<String> dropLog) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
    }
    this.capacity = capacity;
    this.dropLog = dropLog;
    for (Lane lane : Lane.values()) {
      lanes.put(lane, new LinkedHashMap<>());
      dropped.put(lane, 0L);
    }
  }

  /** Queues a message; a coalesced lane replaces a waiting message on the same topic in place. */
  public synchronized void offer(OutboundMessage message) {
    LinkedHashMap<Object, Entry> lane = lanes.get(message.lane());
    Entry entry = new Entry(nextId++, message);
    Object key = message.lane().coalesced() ? message.topic() : entry.id();
    Entry old = lane.get(key);
    if (old != null) {
      // Keep the waiting message's place in line, with the newer content.
      lane.put(key, new Entry(old.id(), message));
      return;
    }
    lane.put(key, entry);
    waiting++;
    while (waiting + inflight.size() > capacity && dropOne()) {
      // dropOne() logs and counts each drop.
    }
  }

  private boolean dropOne() {
    Lane victim = null;
    for (Lane lane : Lane.values()) {
      if (lane.droppable() && !lanes.get(lane).isEmpty() && (victim == null || lane.dropRank() > victim.dropRank())) {
        victim = lane;
      }
    }
    if (victim == null) {
      return false;
    }
    Iterator<Entry> it = lanes.get(victim).values().iterator();
    Entry oldest = it.next();
    it.remove();
    waiting--;
    // A lost message uses its number, so that consumers see the loss as a gap.
    oldest.message().numbered();
    long n = dropped.merge(victim, 1L, Long::sum);
    // Log the first drop of a lane and then every 1000th, so a long outage does not flood the log.
    if (n == 1 || n % 1000 == 0) {
      dropLog.accept("MQTT outbox full (" + capacity + " messages): dropped the oldest " + victim.name().toLowerCase()
          + " message (" + oldest.message().topic() + "); dropped so far: " + droppedCounts());
    }
    return true;
  }

  /** The next message to send, in lane order, now counted as in flight; {@code null} when none waits. */
  public synchronized Entry next() {
    for (LinkedHashMap<Object, Entry> lane : lanes.values()) {
      if (!lane.isEmpty()) {
        Iterator<Entry> it = lane.values().iterator();
        Entry waitingEntry = it.next();
        it.remove();
        waiting--;
        Entry e = new Entry(waitingEntry.id(), waitingEntry.message().numbered());
        inflight.put(e.id(), e);
        return e;
      }
    }
    return null;
  }

  /** The broker has it: forget it. Returns false when it was no longer in flight (already requeued). */
  public synchronized boolean acknowledged(Entry entry) {
    return inflight.remove(entry.id()) != null;
  }

  /**
   * Sends it again later: back to the front of its lane, unless a newer message on the same retained
   * topic is already waiting. Returns false when it was no longer in flight.
   */
  public synchronized boolean retry(Entry entry) {
    if (inflight.remove(entry.id()) == null) {
      return false;
    }
    requeue(List.of(entry));
    return true;
  }

  /** The connection dropped: everything in flight goes back to the front of its lane, in order. */
  public synchronized int requeueInflight() {
    List<Entry> all = new ArrayList<>(inflight.values());
    inflight.clear();
    requeue(all);
    return all.size();
  }

  private void requeue(List<Entry> entries) {
    Map<Lane, List<Entry>> byLane = new EnumMap<>(Lane.class);
    for (Entry e : entries) {
      byLane.computeIfAbsent(e.message().lane(), k -> new ArrayList<>()).add(e);
    }
    byLane.forEach((laneName, back) -> {
      back.sort(Comparator.comparingLong(Entry::id));
      LinkedHashMap<Object, Entry> lane = lanes.get(laneName);
      LinkedHashMap<Object, Entry> rebuilt = new LinkedHashMap<>();
      for (Entry e : back) {
        // A numbered message keeps its place even beside a newer one on its topic (see the class comment).
        Object key = laneName.coalesced() && e.message().seq() == null ? e.message().topic() : e.id();
        if (!lane.containsKey(key)) {
          rebuilt.put(key, e);
          waiting++;
        }
      }
      rebuilt.putAll(lane);
      lane.clear();
      lane.putAll(rebuilt);
    });
  }

  public synchronized int waiting() {
    return waiting;
  }

  public synchronized int inflight() {
    return inflight.size();
  }

  public synchronized long dropped(Lane lane) {
    return dropped.get(lane);
  }

  /** Drops per lane, for logs and stats, e.g. {@code {telemetry=12}}. */
  public synchronized String droppedCounts() {
    StringBuilder sb = new StringBuilder("{");
    dropped.forEach((lane, n) -> {
      if (n > 0) {
        sb.append(sb.length() > 1 ? ", " : "").append(lane.name().toLowerCase()).append('=').append(n);
      }
    });
    return sb.append('}').toString();
  }
}
