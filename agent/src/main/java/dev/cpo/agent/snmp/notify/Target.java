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
 * One notification receiver with its own bounded queue and thread. What a full queue refuses is
 * counted and logged, never blocks the sender.
 */
abstract class Target {

  private static final Logger LOG = LoggerFactory.getLogger(Target.class);
  private static final int QUEUE_CAPACITY = 1024;

  private final String name;
  private final ExecutorService executor;
  final AtomicLong sent = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();

  Target(String name) {
    this.name = name;
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
          Thread t = new Thread(r, "snmp-notify-" + name);
          t.setDaemon(true);
          return t;
        });
  }

  String name() {
    return name;
  }

  /** Queues the notification; returns at once. */
  final void offer(PDU notification) {
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

  /** Sends one notification on this target's thread. */
  abstract void deliver(PDU notification) throws Exception;

  void close() {
    executor.shutdownNow();
  }

  NotifierStats stats() {
    return new NotifierStats(sent.get(), acknowledged.get(), failed.get(), dropped.get());
  }
}
