package dev.cpo.agent.snmp.mib;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * RFC 6933's entConfigChange throttle: the first change in a quiet period is notified at once and opens
 * a throttling period; changes inside the period are folded into one notification sent when it ends,
 * which opens the next period. An NMS catches anything folded away through entLastChangeTime.
 */
final class ConfigChangeThrottle {

  /** Runs a task once after a delay; a seam so tests can end a period when they choose. */
  interface Timer {
    void schedule(Runnable task, long delayNanos);
  }

  private final Timer timer;
  private final long periodNanos;
  private final Runnable notifier;
  private boolean inPeriod;
  private boolean pending;

  ConfigChangeThrottle(ScheduledExecutorService scheduler, Duration period, Runnable notifier) {
    this((task, delay) -> scheduler.schedule(task, delay, TimeUnit.NANOSECONDS), period, notifier);
  }

  ConfigChangeThrottle(Timer timer, Duration period, Runnable notifier) {
    this.timer = timer;
    this.periodNanos = period.toNanos();
    this.notifier = notifier;
  }

  /** A change happened. */
  synchronized void changed() {
    if (inPeriod) {
      pending = true;
      return;
    }
    startPeriod();
    notifier.run();
  }

  private void startPeriod() {
    inPeriod = true;
    timer.schedule(this::periodEnded, periodNanos);
  }

  private synchronized void periodEnded() {
    if (pending) {
      pending = false;
      startPeriod();
      notifier.run();
    } else {
      inPeriod = false;
    }
  }
}
