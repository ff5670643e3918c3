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
 * <p>Cycles never overlap: scheduled and interrupt cycles run on one thread, and {@link #pollOnce()}
 * (for tests on a manual clock) is serialised with them.
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
  private volatile long lastCycleMicros;
  private ScheduledExecutorService scheduler;
  private ExecutorService reader;
  private Future<HalSnapshot> inFlight;
  private HalSnapshot lastGood;
  private long scheduledCycles;

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
    hal.setInterruptListener(module -> {
      interrupts.incrementAndGet();
      interrupting.add(module);
      ScheduledExecutorService s = scheduler;
      // Interrupts that arrive while a cycle is queued join it: a chattering module costs one cycle, not many.
      if (s != null && !s.isShutdown() && interruptQueued.compareAndSet(false, true)) {
        s.execute(this::interruptCycle);
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
      try {
        if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
          s.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        s.shutdownNow();
      }
    }
    synchronized (this) {
      if (reader != null) {
        reader.shutdownNow();
        reader = null;
      }
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
    cycle(slow);
  }

  private void interruptCycle() {
    interruptQueued.set(false);
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
    cycle(false);
  }

  private synchronized void cycle(boolean slowDue) {
    long t0 = System.nanoTime();
    try {
      HalSnapshot snap = read();
      handler.onCycle(snap, slowDue, System.nanoTime() - t0);
    } catch (RuntimeException e) {
      // A bug in one cycle must not end the schedule (a thrown exception would cancel it).
      LOG.error("poll cycle failed", e);
    } finally {
      cycles.incrementAndGet();
      lastCycleMicros = (System.nanoTime() - t0) / 1000;
    }
  }

  private HalSnapshot read() {
    if (inFlight != null && !inFlight.isDone()) {
      halErrors.incrementAndGet();
      return unavailable("the previous read is still hanging");
    }
    if (reader == null) {
      reader = Executors.newSingleThreadExecutor(r -> daemon(r, "hal-reader"));
    }
    inFlight = reader.submit(hal::snapshot);
    try {
      HalSnapshot snap = inFlight.get(config.halTimeoutMs(), TimeUnit.MILLISECONDS);
      lastGood = snap;
      return snap;
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

  private HalSnapshot unavailable(String why) {
    long n = halErrors.get();
    if (n == 1 || n % 100 == 0) {
      LOG.warn("HAL read failed ({} so far): {}; readings marked unavailable", n, why);
    }
    return UnavailableSnapshot.of(hal.inventory(), lastGood, hal.clock().millis());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
