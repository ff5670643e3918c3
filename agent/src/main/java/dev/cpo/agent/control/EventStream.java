package dev.cpo.agent.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server-sent event stream (the WHATWG HTML standard's {@code text/event-stream}) that any number
 * of clients follow. A producer calls {@link #publish} from any thread; a route answers
 * {@link Response#events(EventStream, String)} to attach a client. Each event gets the next id, so an
 * EventSource that reconnects with {@code Last-Event-ID} is first sent the events it missed, as far as
 * the last {@code replay} events reach. Each client has a queue of at most {@code maxQueued} events:
 * a client that falls that far behind is dropped (its connection closed, counted), so a slow client
 * never makes the agent hold more memory. Idle streams get a comment every {@code keepAlive} so
 * proxies and the server's idle timeout leave them open.
 *
 * <pre>{@code
 * EventStream alarms = new EventStream("alarms", 256, 64, Duration.ofSeconds(15));
 * routes.get("/api/v1/events", req -> Response.events(alarms, req.header("Last-Event-ID")));
 * alarms.publish("alarm", "{\"id\":\"laser-failure/els3/laser5\"}");
 * }</pre>
 */
public final class EventStream {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  /** The comment line sent to keep an idle stream open. */
  static final String KEEP_ALIVE = ": keep-alive\n\n";
  private static final byte[] KEEP_ALIVE_BYTES = KEEP_ALIVE.getBytes(StandardCharsets.UTF_8);
  private static final java.util.regex.Pattern LINES = java.util.regex.Pattern.compile("\r\n|\r|\n");

  private final String name;
  private final int maxQueued;
  private final int replay;
  private final Duration keepAlive;
  private final Deque<Frame> recent = new ArrayDeque<>();
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private long nextId = 1;

  /**
   * @param name for log lines
   * @param maxQueued events a client may fall behind by before it is dropped (at least 1)
   * @param replay events kept for clients reconnecting with Last-Event-ID (0 for none)
   * @param keepAlive interval of keep-alive comments (positive)
   */
  public EventStream(String name, int maxQueued, int replay, Duration keepAlive) {
    this.name = Objects.requireNonNull(name, "name");
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be at least 1, was " + maxQueued);
    }
    if (replay < 0) {
      throw new IllegalArgumentException("replay must not be negative, was " + replay);
    }
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be positive, was " + keepAlive);
    }
    this.maxQueued = maxQueued;
    this.replay = replay;
    this.keepAlive = keepAlive;
  }

  /** A stream with the usual bounds: 256 queued per client, the last 64 replayed, keep-alive every 15 s. */
  public static EventStream create(String name) {
    return new EventStream(name, 256, 64, Duration.ofSeconds(15));
  }

  /**
   * Sends one event to every client.
   *
   * @param event the event type (an EventSource's {@code addEventListener} name), or null for
   *     {@code message}; one line
   * @param data the data; a multi-line value is sent as several {@code data:} lines
   * @return the event's id
   */
  public long publish(String event, String data) {
    return publish(List.of(new Event(event, data)));
  }

  /**
   * Sends several events to every client, in order and together: each client's connection is woken and written
   * once for all of them (what a producer found in one look), not once per event. Each event still gets its own
   * id and is replayed on its own.
   *
   * @return the last event's id (the one before the first when {@code events} is empty)
   * @throws IllegalArgumentException when an event type is more than one line; then nothing is sent
   */
  public long publish(List<Event> events) {
    for (Event e : events) {
      Objects.requireNonNull(e.data(), "data");
      if (e.type() != null && (e.type().indexOf('\n') >= 0 || e.type().indexOf('\r') >= 0)) {
        throw new IllegalArgumentException("an event type is one line, was '" + e.type() + "'");
      }
    }
    synchronized (this) {
      if (events.isEmpty()) {
        return nextId - 1;
      }
      // Encoded once: every client's connection writes these same bytes.
      byte[][] frames = new byte[events.size()][];
      int length = 0;
      for (int i = 0; i < frames.length; i++) {
        Event e = events.get(i);
        long id = nextId++;
        frames[i] = format(id, e.type(), e.data()).getBytes(StandardCharsets.UTF_8);
        length += frames[i].length;
        if (replay > 0) {
          recent.addLast(new Frame(id, frames[i]));
          if (recent.size() > replay) {
            recent.removeFirst();
          }
        }
      }
      byte[] all = frames[0];
      if (frames.length > 1) {
        all = new byte[length];
        int at = 0;
        for (byte[] f : frames) {
          System.arraycopy(f, 0, all, at, f.length);
          at += f.length;
        }
      }
      for (Client c : clients) {
        c.offer(all, frames.length);
      }
      return nextId - 1;
    }
  }

  /**
   * One event: its type (null for {@code message}) and its data.
   */
  public record Event(String type, String data) {}

  /** Clients attached now. */
  public int clients() {
    return clients.size();
  }

  /** Clients dropped so far for falling {@code maxQueued} events behind. */
  public long droppedClients() {
    return dropped.get();
  }

  public String name() {
    return name;
  }

  Duration keepAlive() {
    return keepAlive;
  }

  /** Where a client's queued events go: the server's connection. */
  interface Sink {
    /** Called when the queue went from empty to not empty: drain it soon, from the connection's thread. */
    void wake();

    /** Called once when the client is dropped: close the connection. */
    void close();
  }

  /**
   * Attaches a client; events it missed after {@code lastEventId} (still held) are queued first.
   *
   * @param lastEventId the Last-Event-ID header, or null
   */
  Client attach(Sink sink, String lastEventId) {
    Client c = new Client(sink);
    synchronized (this) {
      long after = parseId(lastEventId);
      if (after >= 0) {
        for (Frame f : recent) {
          if (f.id > after) {
            c.offer(f.bytes, 1);
          }
        }
      }
      clients.add(c);
    }
    return c;
  }

  private static long parseId(String id) {
    if (id == null || id.isBlank()) {
      return -1;
    }
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String format(long id, String event, String data) {
    StringBuilder b = new StringBuilder(data.length() + 32);
    b.append("id: ").append(id).append('\n');
    if (event != null) {
      b.append("event: ").append(event).append('\n');
    }
    if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
      // One line, as every JSON event is: no split (a regex compiled for every event).
      return b.append("data: ").append(data).append("\n\n").toString();
    }
    for (String line : LINES.split(data, -1)) {
      b.append("data: ").append(line).append('\n');
    }
    return b.append('\n').toString();
  }

  private record Frame(long id, byte[] bytes) {}

  /** What one publish queued for a client: its frames' text and how many events it holds. */
  private record Queued(byte[] bytes, int events) {}

  /** One attached client: its bounded queue. */
  final class Client {
    private final Sink sink;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    // Events in the queue (an entry holds those one publish sent together).
    private int queuedEvents;
    private boolean closed;

    private Client(Sink sink) {
      this.sink = sink;
    }

    /** Queues a keep-alive comment (dropping the client when its queue is full). */
    void keepAlive() {
      offer(KEEP_ALIVE_BYTES, 1);
    }

    /**
     * Queues {@code events} frames in one text, UTF-8, shared with the other clients (never written to); drops the
     * client when that would put it more than {@code maxQueued} events behind.
     */
    private void offer(byte[] text, int events) {
      boolean wake = false;
      boolean drop = false;
      synchronized (this) {
        if (closed) {
          return;
        }
        if (queuedEvents > 0 && queuedEvents + events > maxQueued) {
          closed = true;
          drop = true;
          queue.clear();
          queuedEvents = 0;
        } else {
          wake = queue.isEmpty();
          queue.addLast(new Queued(text, events));
          queuedEvents += events;
        }
      }
      if (drop) {
        if (clients.remove(this)) {
          dropped.incrementAndGet();
          LOG.warn("event stream {}: dropped a client that fell {} events behind", name, maxQueued);
        }
        sink.close();
      } else if (wake) {
        sink.wake();
      }
    }

    /** The next queued text (one or more frames), UTF-8 (not to be written to), or null. */
    synchronized byte[] poll() {
      Queued q = queue.pollFirst();
      if (q == null) {
        return null;
      }
      queuedEvents -= q.events;
      return q.bytes;
    }

    /** Detaches the client (its connection closed). */
    void detach() {
      synchronized (this) {
        closed = true;
        queue.clear();
        queuedEvents = 0;
      }
      clients.remove(this);
    }
  }
}
