package dev.cpo.agent.event;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's event bus: every subscriber gets its own bounded queue and daemon thread, so a slow or
 * throwing subscriber only loses its own events (counted) and never stalls the publisher.
 */
public final class GuardedEventBus implements EventBus, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedEventBus.class);

  private final int queueCapacity;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong droppedByClosed = new AtomicLong();
  private final List<Guarded> subscribers = new CopyOnWriteArrayList<>();

  /** @param queueCapacity events each subscriber may have waiting before new ones are dropped */
  public GuardedEventBus(int queueCapacity) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
    }
    this.queueCapacity = queueCapacity;
  }

  @Override
  public Subscription subscribe(String name, Consumer<AgentEvent> consumer) {
    Guarded g = new Guarded(name, consumer, queueCapacity);
    subscribers.add(g);
    g.thread.start();
    return g;
  }

  /**
   * Builds an event with the next sequence number and hands it to every subscriber. Sequence numbers
   * are taken under a lock so every subscriber sees them in increasing order.
   *
   * @return the event published
   */
  public synchronized <E extends AgentEvent> E publish(LongFunction<E> factory) {
    E event = factory.apply(seq.incrementAndGet());
    for (Guarded g : subscribers) {
      g.offer(event);
    }
    return event;
  }

  /** Events lost over all subscribers, closed ones included. */
  public long dropped() {
    long n = droppedByClosed.get();
    for (Guarded g : subscribers) {
      n += g.dropped();
    }
    return n;
  }

  /** Whether every subscriber has handled (or dropped) everything published so far. */
  public boolean idle() {
    for (Guarded g : subscribers) {
      if (g.handled.get() + g.dropped.get() < g.offered.get()) {
        return false;
      }
    }
    return true;
  }

  /** Stops every subscriber's thread. */
  @Override
  public void close() {
    for (Guarded g : subscribers) {
      g.close();
    }
  }

  private static final Object WAKE = new Object();

  private final class Guarded implements Subscription, Runnable {

    private final String name;
    private final Consumer<AgentEvent> consumer;
    // Events, and WAKE: what close() puts in so a thread waiting on an empty queue ends at once.
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final Thread thread;
    private volatile boolean open = true;

    Guarded(String name, Consumer<AgentEvent> consumer, int capacity) {
      this.name = name;
      this.consumer = consumer;
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.thread = new Thread(this, "events-" + name);
      this.thread.setDaemon(true);
    }

    void offer(AgentEvent event) {
      if (!open) {
        return;
      }
      offered.incrementAndGet();
      if (!queue.offer(event)) {
        // Log the first drop and then every thousandth, so a stuck subscriber cannot flood the log.
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
          LOG.warn("subscriber {} is not keeping up: {} events dropped", name, n);
        }
      }
    }

    @Override
    public void run() {
      // After close, what is already queued is still delivered: nothing in flight is lost on stop.
      while (open || !queue.isEmpty()) {
        Object next;
        try {
          // No timeout: an idle subscriber does not wake (close() puts WAKE in to end the wait).
          next = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (!(next instanceof AgentEvent event)) {
          continue;
        }
        try {
          consumer.accept(event);
        } catch (RuntimeException e) {
          LOG.warn("subscriber {} failed on event {}: {}", name, event.seq(), e.toString(), e);
        } finally {
          handled.incrementAndGet();
        }
      }
    }

    @Override
    public long dropped() {
      return dropped.get();
    }

    @Override
    public void close() {
      if (open) {
        open = false;
        // A full queue has no room, but then the thread is busy, not waiting.
        queue.offer(WAKE);
        subscribers.remove(this);
        droppedByClosed.addAndGet(dropped.get());
        if (Thread.currentThread() == thread) {
          return;
        }
        try {
          thread.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
