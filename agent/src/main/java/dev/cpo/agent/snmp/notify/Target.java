package dev.cpo.agent.snmp.notify;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.snmp4j.PDU;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notification receiver. A target that waits for its receiver (an inform) has its own bounded queue
 * and thread; what a full queue refuses is counted and logged, never blocks the sender. A target that
 * only hands a datagram to the kernel (a v2c trap) sends on the caller's thread, one notification at a
 * time in the order they are offered: a fault's trap then leaves with no hand-over to another thread.
 */
abstract class Target {

  private static final Logger LOG = LoggerFactory.getLogger(Target.class);
  private static final int QUEUE_CAPACITY = 1024;

  private final String name;
  private final boolean inline;
  private final ExecutorService executor;
  private volatile boolean closed;
  final AtomicLong sent = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();

  /**
   * @param inline whether {@link #deliver} never waits for the receiver, so it runs on the caller's
   *     thread (no queue, no thread of its own)
   */
  Target(String name, boolean inline) {
    this.name = name;
    this.inline = inline;
    this.executor = inline ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
          Thread t = new Thread(r, "snmp-notify-" + name);
          t.setDaemon(true);
          return t;
        });
  }

  String name() {
    return name;
  }

  /** Sends the notification here (an inline target) or queues it; never waits for the receiver. */
  final void offer(PDU notification) {
    if (inline) {
      if (closed) {
        long n = dropped.incrementAndGet();
        LOG.warn("notification to {} after close: dropped one ({} so far)", name, n);
        return;
      }
      // One at a time, in the order offered (several subscribers' threads send).
      synchronized (this) {
        try {
          deliver(notification);
        } catch (Exception e) {
          failed.incrementAndGet();
          LOG.warn("notification to {} failed: {}", name, e.toString());
        }
      }
      return;
    }
    try {
      executor.execute(() -> {
        try {
          deliver(notification);
        } catch (Exception e) {
          failed.incrementAndGet();
          LOG.warn("notification to {} failed: {}", name, e.toString());
        }
      });
    } catch (RejectedExecutionException e) {
      long n = dropped.incrementAndGet();
      LOG.warn("notification queue to {} full or closed: dropped one ({} so far)", name, n);
    }
  }

  /** Sends one notification: on the caller's thread for an inline target, else on this target's thread. */
  abstract void deliver(PDU notification) throws Exception;

  void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  NotifierStats stats() {
    return new NotifierStats(sent.get(), acknowledged.get(), failed.get(), dropped.get());
  }
}
