package dev.cpo.agent.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GuardedEventBusTest {

  static AgentEvent.EntityAdded event(long seq) {
    return new AgentEvent.EntityAdded(seq, 0, "els1", dev.cpo.hal.EntityClass.LASER_MODULE);
  }

  @Test
  void aThrowingSubscriberDoesNotStopDeliveryToItselfOrOthers() {
    try (GuardedEventBus bus = new GuardedEventBus(100)) {
      List<Long> good = new CopyOnWriteArrayList<>();
      List<Long> bad = new CopyOnWriteArrayList<>();
      bus.subscribe("good", e -> good.add(e.seq()));
      bus.subscribe("bad", e -> {
        bad.add(e.seq());
        throw new IllegalStateException("boom");
      });
      for (int i = 0; i < 10; i++) {
        bus.publish(GuardedEventBusTest::event);
      }
      await().until(bus::idle);
      assertThat(good).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      assertThat(bad).hasSize(10);
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
}
