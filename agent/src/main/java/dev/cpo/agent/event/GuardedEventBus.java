package dev.cpo.agent.event;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's event bus: every subscriber gets its own bounded queue, delivered in order by one thread
 * at a time, so a slow or throwing subscriber only loses its own events (counted) and never stalls the
 * publisher or another subscriber.
 *
 * <p>The threads are not the subscriber's own: every bus in the JVM (one per switch of a fleet) hands
 * its subscribers' deliveries to one shared pool ({@link #SHARED}). A subscriber with events waiting is
 * given a thread of the pool until its queue is empty; a pool thread that is busy (a subscriber stuck in
 * its consumer holds one) is never waited for, a new thread is started instead, so a stuck subscriber
 * still only stops its own queue. The pool keeps {@value #KEPT_THREADS} threads, one for each of a
 * switch's subscribers (four SNMP MIB modules, MQTT, gNMI), so all of them take an alarm at once without
 * a thread started on the fault's path; threads beyond those end after {@value #IDLE_SECONDS} s without
 * work. Before, each subscriber had a thread of its own: five or six a switch, 320 and more for a fleet
 * of 64, that mostly waited on empty queues.
 */
public final class GuardedEventBus implements EventBus, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedEventBus.class);
  static final int KEPT_THREADS = 6;
  static final int IDLE_SECONDS = 60;
  private static final String IDLE_NAME = "events-idle";
  private static final long CLOSE_WAIT_MILLIS = 2000;

  /** The deliveries of every bus in this JVM. */
  static final ThreadPoolExecutor SHARED = sharedPool();

  private final int queueCapacity;
  private final Executor executor;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong droppedByClosed = new AtomicLong();
  private final List<Guarded> subscribers = new CopyOnWriteArrayList<>();

  /** @param queueCapacity events each subscriber may have waiting before new ones are dropped */
  public GuardedEventBus(int queueCapacity) {
    this(queueCapacity, SHARED);
  }

  /** @param executor runs the deliveries; it must not queue a task behind a busy thread (see {@link #SHARED}) */
  GuardedEventBus(int queueCapacity, Executor executor) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
    }
    this.queueCapacity = queueCapacity;
    this.executor = executor;
  }

  private static ThreadPoolExecutor sharedPool() {
    AtomicInteger n = new AtomicInteger();
    // A SynchronousQueue hands a task to an idle thread or, with none idle, to a new one: never a wait.
    return new ThreadPoolExecutor(KEPT_THREADS, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, IDLE_NAME + "-" + n.incrementAndGet());
          t.setDaemon(true);
          // Only the JVM's own failures end a delivery thread (see Guarded.deliver); the pool starts another.
          t.setUncaughtExceptionHandler((thread, e) -> LOG.error("event delivery thread {} ended by {}",
              thread.getName(), e.toString(), e));
          return t;
        });
  }

  @Override
  public Subscription subscribe(String name, Consumer<AgentEvent> consumer) {
    Guarded g = new Guarded(name, consumer, queueCapacity);
    subscribers.add(g);
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

  /** Stops every subscriber, each once what it has queued is delivered (up to 2 s each). */
  @Override
  public void close() {
    for (Guarded g : subscribers) {
      g.close();
    }
  }

  private final class Guarded implements Subscription, Runnable {

    private final String name;
    private final String threadName;
    private final Consumer<AgentEvent> consumer;
    private final BlockingQueue<AgentEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    // Whether a delivery is running or handed to the pool: at most one at a time, so events stay in order.
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile Thread deliverer;
    private volatile boolean open = true;

    Guarded(String name, Consumer<AgentEvent> consumer, int capacity) {
      this.name = name;
      this.threadName = "events-" + name;
      this.consumer = consumer;
      this.queue = new ArrayBlockingQueue<>(capacity);
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
        return;
      }
      schedule();
    }

    private void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        executor.execute(this);
      }
    }

    /** Delivers until the queue is empty; then gives the thread back to the pool. */
    @Override
    public void run() {
      Thread self = Thread.currentThread();
      String poolName = self.getName();
      // Named for the subscriber while it delivers, as its own thread was: log lines and thread dumps say whose.
      self.setName(threadName);
      try {
        do {
          // Only the holder of the flag writes the deliverer: a run started the moment the flag went down
          // sets its own, and this one's end does not clear it.
          deliverer = self;
          try {
            AgentEvent event;
            while ((event = queue.poll()) != null) {
              deliver(event);
            }
          } finally {
            // Also when an error leaves deliver: a run that ended must not hold the flag, or every later
            // event would find it up and wait in the queue for good.
            deliverer = null;
            scheduled.set(false);
          }
          // An event offered after the last poll and before the flag went down found it up: take it too.
        } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
      } finally {
        self.setName(poolName);
        if (!queue.isEmpty()) {
          // Only when an error is ending this thread (else another run holds the flag and this is a no-op):
          // what is queued goes on in another run, not at the next event.
          schedule();
        } else if (!open && !scheduled.get()) {
          // Closed, and no other run holds the flag: nothing more will be delivered.
          finished.complete(null);
        }
      }
    }

    /**
     * Hands one event to the consumer. Whatever the consumer throws is its own failure and costs only
     * that event, errors included (an assertion, a class that failed to load or initialise, a stack
     * overflow), except the JVM's own failures (out of memory, internal errors): those are not the
     * bus's to hide, so they go on up and end the pool's thread, after {@link #run()} let the queue go.
     */
    private void deliver(AgentEvent event) {
      try {
        consumer.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("subscriber {} failed on event {}: {}", name, event.seq(), e.toString(), e);
      } catch (Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw e;
        }
        LOG.error("subscriber {} failed on event {}: {}", name, event.seq(), e.toString(), e);
      } finally {
        handled.incrementAndGet();
      }
    }

    @Override
    public long dropped() {
      return dropped.get();
    }

    @Override
    public void close() {
      if (!open) {
        return;
      }
      open = false;
      subscribers.remove(this);
      droppedByClosed.addAndGet(dropped.get());
      // What is already queued is still delivered: nothing in flight is lost on stop.
      if (!scheduled.get() && queue.isEmpty()) {
        finished.complete(null);
        return;
      }
      if (Thread.currentThread() == deliverer) {
        return;
      }
      try {
        finished.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (TimeoutException e) {
        LOG.warn("subscriber {} still delivering {} ms after close; left to finish", name, CLOSE_WAIT_MILLIS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("subscriber " + name + " close", e);
      }
    }
  }
}
