package dev.cpo.agent.poll;

import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.SwitchHal;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the HAL once per cycle, on a fixed wall-clock rate (the fast interval), and hands the snapshot
 * to the agent. Slow-class sensors are evaluated every {@code slowIntervalMs / fastIntervalMs}-th
 * cycle. A read that fails or takes longer than {@code halTimeoutMs} yields a snapshot with every
 * reading unavailable, and the next cycle still starts on time (a hung read is not waited for twice).
 * A HAL interrupt reads and clears the module's flags and runs a cycle at once: that is the path that
 * turns a hardware fault into an event within milliseconds.
 *
 * <p>Every HAL call runs on the {@code hal-reader} thread, one at a time, so a hung HAL holds up only
 * that thread. A scheduled cycle (the {@code poller} thread) hands its read to it and waits at most
 * {@code halTimeoutMs}. An interrupt hands the whole cycle to it: the flags, the read, then the agent's
 * work on the same thread, with no hand-over back (the fault path's latency is mostly hand-overs between
 * threads on a busy machine). Cycles never overlap: the agent's work of every cycle is serialised on
 * this poller's lock, and a snapshot read before one already handed to the agent is not handed on (its
 * slow-class evaluation is done by the next cycle), so the agent sees the switch's reads in order.
 * {@link #pollOnce()} (for tests on a manual clock) is serialised with them.
 */
public final class Poller {

  private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

  /** What the agent does with each snapshot. */
  public interface CycleHandler {
    /**
     * @param snapshot the read, or a copy of the last one marked unavailable when the read failed
     * @param slowDue whether slow-class sensors are due for evaluation
     * @param readNanos wall time the HAL read took (or waited before giving up)
     */
    void onCycle(HalSnapshot snapshot, boolean slowDue, long readNanos);
  }

  private final SwitchHal hal;
  private final PollingConfig config;
  private final CycleHandler handler;
  private final int slowEvery;
  private final AtomicLong cycles = new AtomicLong();
  private final AtomicLong halErrors = new AtomicLong();
  private final AtomicLong interrupts = new AtomicLong();
  private final Set<String> interrupting = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean interruptQueued = new AtomicBoolean();
  // Numbers the reads in the order the HAL answered them (one reader thread at a time).
  private final AtomicLong reads = new AtomicLong();
  private final Object readerLock = new Object();
  // Scheduled reads: one at a time, apart from the agent's work (which takes this poller's lock).
  private final Object scheduledReadLock = new Object();
  private volatile long lastCycleMicros;
  private volatile HalSnapshot lastGood;
  private ScheduledExecutorService scheduler;
  private ExecutorService reader;
  private Future<Read> inFlight;
  private long scheduledCycles;
  // Under this poller's lock: the number of the last read handed to the agent, and a slow evaluation
  // that a stale read skipped.
  private long handedRead;
  private boolean slowSkipped;

  /** A HAL read and its place in the order of reads; {@code order} 0 for a snapshot made up after a failure. */
  private record Read(HalSnapshot snapshot, long order) {}

  public Poller(SwitchHal hal, PollingConfig config, CycleHandler handler) {
    this.hal = hal;
    this.config = config;
    this.handler = handler;
    this.slowEvery = (int) Math.max(1, Math.round((double) config.slowIntervalMs() / config.fastIntervalMs()));
  }

  /** Starts the fixed-rate cycle and listens for interrupts. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "poller"));
    ExecutorService r = reader();
    hal.setInterruptListener(module -> {
      interrupts.incrementAndGet();
      interrupting.add(module);
      // Interrupts that arrive while a cycle is queued join it: a chattering module costs one cycle, not many.
      if (!r.isShutdown() && interruptQueued.compareAndSet(false, true)) {
        try {
          r.execute(this::interruptCycle);
        } catch (RejectedExecutionException e) {
          // Stopping: the regular cycles are over too.
          interruptQueued.set(false);
        }
      }
    });
    scheduler.scheduleAtFixedRate(this::scheduledCycle, config.fastIntervalMs(), config.fastIntervalMs(),
        TimeUnit.MILLISECONDS);
  }

  /** Stops polling; a cycle in progress completes first. */
  public void stop() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
      scheduler = null;
    }
    hal.setInterruptListener(module -> { });
    if (s != null) {
      s.shutdown();
      awaitOrStop(s, 5000);
    }
    ExecutorService r;
    synchronized (readerLock) {
      r = reader;
      reader = null;
    }
    if (r != null) {
      // An interrupt cycle in progress completes; a hung read is not waited for longer than a cycle would.
      r.shutdown();
      awaitOrStop(r, config.halTimeoutMs());
    }
  }

  private static void awaitOrStop(ExecutorService e, long millis) {
    try {
      if (!e.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
        e.shutdownNow();
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      e.shutdownNow();
    }
  }

  /** Runs one scheduled cycle on the caller's thread (tests drive the clock and call this). */
  public void pollOnce() {
    scheduledCycle();
  }

  public long cycles() {
    return cycles.get();
  }

  public long halErrors() {
    return halErrors.get();
  }

  public long interrupts() {
    return interrupts.get();
  }

  /** Wall time of the last cycle, HAL read included. */
  public long lastCycleMicros() {
    return lastCycleMicros;
  }

  private void scheduledCycle() {
    boolean slow;
    synchronized (this) {
      slow = scheduledCycles++ % slowEvery == 0;
    }
    long t0 = System.nanoTime();
    Read read;
    synchronized (scheduledReadLock) {
      read = read();
    }
    hand(read, slow, t0);
  }

  /** On the reader thread: the interrupting modules' flags, a read, and the agent's cycle, all here. */
  private void interruptCycle() {
    interruptQueued.set(false);
    long t0 = System.nanoTime();
    for (Iterator<String> it = interrupting.iterator(); it.hasNext(); ) {
      String module = it.next();
      it.remove();
      try {
        List<LatchedFlag> flags = hal.readAndClearFlags(module);
        LOG.debug("interrupt from {}: {}", module, flags);
      } catch (HalException e) {
        // The cycle below still reads the module's state; the flags only say why we woke up.
        LOG.warn("reading the flags of {} failed: {}", module, e.getMessage());
      }
    }
    Read read;
    try {
      read = readHere();
    } catch (HalException | RuntimeException e) {
      halErrors.incrementAndGet();
      read = unavailable(String.valueOf(e));
    }
    hand(read, false, t0);
  }

  /** Hands a read to the agent, unless one read after it already went (then only its slow evaluation waits). */
  private synchronized void hand(Read read, boolean slowDue, long t0) {
    if (read.order() != 0) {
      if (read.order() < handedRead) {
        slowSkipped |= slowDue;
        return;
      }
      handedRead = read.order();
    }
    boolean slow = slowDue || slowSkipped;
    slowSkipped = false;
    long readNanos = System.nanoTime() - t0;
    try {
      handler.onCycle(read.snapshot(), slow, readNanos);
    } catch (RuntimeException e) {
      // A bug in one cycle must not end the schedule (a thrown exception would cancel it).
      LOG.error("poll cycle failed", e);
    } finally {
      cycles.incrementAndGet();
      lastCycleMicros = (System.nanoTime() - t0) / 1000;
    }
  }

  /** A scheduled read, through the reader thread, waiting at most the timeout. */
  private Read read() {
    if (inFlight != null && !inFlight.isDone()) {
      halErrors.incrementAndGet();
      return unavailable("the previous read is still hanging");
    }
    try {
      inFlight = reader().submit(this::readHere);
    } catch (RejectedExecutionException e) {
      // Stopped between the schedule's tick and here.
      return unavailable("the poller is stopping");
    }
    try {
      return inFlight.get(config.halTimeoutMs(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      halErrors.incrementAndGet();
      return unavailable("no answer within " + config.halTimeoutMs() + " ms");
    } catch (ExecutionException e) {
      halErrors.incrementAndGet();
      return unavailable(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halErrors.incrementAndGet();
      return unavailable("interrupted");
    }
  }

  /** The HAL read itself; on the reader thread. */
  private Read readHere() throws HalException {
    HalSnapshot snap = hal.snapshot();
    lastGood = snap;
    return new Read(snap, reads.incrementAndGet());
  }

  private ExecutorService reader() {
    synchronized (readerLock) {
      if (reader == null) {
        reader = Executors.newSingleThreadExecutor(r -> daemon(r, "hal-reader"));
      }
      return reader;
    }
  }

  private Read unavailable(String why) {
    long n = halErrors.get();
    if (n == 1 || n % 100 == 0) {
      LOG.warn("HAL read failed ({} so far): {}; readings marked unavailable", n, why);
    }
    return new Read(UnavailableSnapshot.of(hal.inventory(), lastGood, hal.clock().millis()), 0);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
