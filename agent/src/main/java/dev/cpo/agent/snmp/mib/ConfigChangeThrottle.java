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

  private final ScheduledExecutorService scheduler;
  private final long periodNanos;
  private final Runnable notifier;
  private boolean inPeriod;
  private boolean pending;

  ConfigChangeThrottle(ScheduledExecutorService scheduler, Duration period, Runnable notifier) {
    this.scheduler = scheduler;
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
    scheduler.schedule(this::periodEnded, periodNanos, TimeUnit.NANOSECONDS);
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
