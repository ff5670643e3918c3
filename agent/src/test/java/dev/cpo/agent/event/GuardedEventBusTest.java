package dev.cpo.agent.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GuardedEventBusTest {

  static AgentEvent.EntityAdded event(long seq) {
    return new AgentEvent.EntityAdded(seq, 0, "els1", dev.cpo.hal.EntityClass.LASER_MODULE);
  }

  static java.util.stream.Stream<Arguments> failures() {
    return java.util.stream.Stream.of(
        Arguments.of("an exception", (Supplier<Throwable>) () -> new IllegalStateException("boom")),
        Arguments.of("an assertion", (Supplier<Throwable>) () -> new AssertionError("a library's assert")),
        Arguments.of("a class that failed to load",
            (Supplier<Throwable>) () -> new NoClassDefFoundError("dev/cpo/Missing")),
        Arguments.of("a stack overflow", (Supplier<Throwable>) StackOverflowError::new));
  }

  /** A subscriber's own failure, exception or error, costs it only the event it failed on. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aThrowingSubscriberDoesNotStopDeliveryToItselfOrOthers(String what, Supplier<Throwable> failure) {
    try (GuardedEventBus bus = new GuardedEventBus(100)) {
      List<Long> good = new CopyOnWriteArrayList<>();
      List<Long> bad = new CopyOnWriteArrayList<>();
      bus.subscribe("good", e -> good.add(e.seq()));
      bus.subscribe("bad", e -> {
        bad.add(e.seq());
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
          throw r;
        }
        throw (Error) t;
      });
      for (int i = 0; i < 10; i++) {
        bus.publish(GuardedEventBusTest::event);
      }
      await().until(bus::idle);
      assertThat(good).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      assertThat(bad).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }
  }

  /**
   * Out of memory is the JVM's failure, not the subscriber's: it ends the delivering thread, and what
   * is queued still comes, in order, with no further event published to set it going.
   */
  @Test
  void theJvmsOwnErrorEndsTheThreadButNotTheQueue() throws InterruptedException {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
      return t;
    });
    CountDownLatch allPublished = new CountDownLatch(1);
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (GuardedEventBus bus = new GuardedEventBus(100, pool)) {
      bus.subscribe("oom", e -> {
        seen.add(e.seq());
        if (e.seq() == 1) {
          try {
            allPublished.await();
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          throw new OutOfMemoryError("simulated");
        }
      });
      for (int i = 0; i < 10; i++) {
        bus.publish(GuardedEventBusTest::event);
      }
      allPublished.countDown();
      await().until(bus::idle);
      assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      await().until(() -> !uncaught.isEmpty());
      assertThat(uncaught).singleElement().isInstanceOf(OutOfMemoryError.class);
      // And the subscriber takes the next event as before.
      bus.publish(GuardedEventBusTest::event);
      await().until(() -> seen.size() == 11);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStuckSubscriberLosesOnlyItsOwnEventsAndTheLossIsCounted() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (GuardedEventBus bus = new GuardedEventBus(5)) {
      List<Long> fast = new CopyOnWriteArrayList<>();
      bus.subscribe("fast", e -> fast.add(e.seq()));
      EventBus.Subscription stuck = bus.subscribe("stuck", e -> {
        try {
          release.await();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 50; i++) {
        bus.publish(GuardedEventBusTest::event);
        int expected = i + 1;
        // The fast subscriber keeps up (its queue of 5 never fills); only the stuck one falls behind.
        await().pollInterval(java.time.Duration.ofMillis(2)).until(() -> fast.size() == expected);
      }
      await().until(() -> fast.size() == 50);
      // The stuck one holds one event and queues five; the rest are dropped and counted.
      assertThat(stuck.dropped()).isEqualTo(44);
      assertThat(bus.dropped()).isEqualTo(44);
      release.countDown();
    }
  }

  @Test
  void moreStuckSubscribersThanKeptThreadsStillLeaveTheOthersTheirEvents() {
    CountDownLatch release = new CountDownLatch(1);
    // One bus a switch, as in a fleet: every bus shares the one pool.
    List<GuardedEventBus> buses = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < GuardedEventBus.KEPT_THREADS + 2; i++) {
        GuardedEventBus stuckBus = new GuardedEventBus(5);
        buses.add(stuckBus);
        stuckBus.subscribe("stuck" + i, e -> {
          try {
            release.await();
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        });
        stuckBus.publish(GuardedEventBusTest::event);
      }
      GuardedEventBus bus = new GuardedEventBus(100);
      buses.add(bus);
      List<Long> fast = new CopyOnWriteArrayList<>();
      bus.subscribe("fast", e -> fast.add(e.seq()));
      for (int i = 0; i < 20; i++) {
        bus.publish(GuardedEventBusTest::event);
      }
      await().until(() -> fast.size() == 20);
      assertThat(fast).isSorted();
    } finally {
      release.countDown();
      buses.forEach(GuardedEventBus::close);
    }
  }

  @Test
  void oneSubscriberIsNeverDeliveredToOnTwoThreadsAtOnceAndKeepsTheOrder() throws InterruptedException {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
    java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (GuardedEventBus bus = new GuardedEventBus(100_000, pool)) {
      bus.subscribe("serial", e -> {
        if (inside.incrementAndGet() != 1) {
          overlaps.incrementAndGet();
        }
        seen.add(e.seq());
        inside.decrementAndGet();
      });
      // Publishers on four threads, so deliveries are scheduled from each while one may be ending.
      Thread[] publishers = new Thread[4];
      for (int t = 0; t < publishers.length; t++) {
        publishers[t] = new Thread(() -> {
          for (int i = 0; i < 5_000; i++) {
            bus.publish(GuardedEventBusTest::event);
          }
        });
        publishers[t].start();
      }
      for (Thread t : publishers) {
        t.join();
      }
      await().until(bus::idle);
      assertThat(overlaps).hasValue(0);
      assertThat(seen).hasSize(20_000).isSorted();
      assertThat(bus.dropped()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeDeliversWhatIsQueuedFirstAndThenTakesNoMore() {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Long> seen = new CopyOnWriteArrayList<>();
    GuardedEventBus bus = new GuardedEventBus(100);
    EventBus.Subscription s = bus.subscribe("slow", e -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      seen.add(e.seq());
    });
    for (int i = 0; i < 3; i++) {
      bus.publish(GuardedEventBusTest::event);
    }
    await().until(() -> started.getCount() == 0);
    Thread releaser = new Thread(release::countDown);
    releaser.start();
    s.close();
    assertThat(seen).containsExactly(1L, 2L, 3L);
    bus.publish(GuardedEventBusTest::event);
    assertThat(bus.idle()).isTrue();
    assertThat(seen).containsExactly(1L, 2L, 3L);
  }
}
