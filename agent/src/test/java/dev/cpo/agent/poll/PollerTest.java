package dev.cpo.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.FakeSwitch;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.InterruptListener;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.ReadingStatus;
import dev.cpo.hal.SwitchHal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {

  final FakeSwitch sw = new FakeSwitch();

  @Test
  void aCycleThatThrowsDoesNotStopTheSchedule() {
    AtomicInteger calls = new AtomicInteger();
    Poller poller = new Poller(sw, new PollingConfig(10, 50, 500), (snap, slow, readNanos) -> {
      if (calls.incrementAndGet() <= 3) {
        throw new IllegalStateException("bug in a cycle");
      }
    });
    poller.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 10);
    } finally {
      poller.stop();
    }
  }

  @Test
  void failedReadsGiveUnavailableSnapshotsWhileTheScheduleGoesOn() {
    List<HalSnapshot> seen = new CopyOnWriteArrayList<>();
    Poller poller = new Poller(sw, new PollingConfig(10, 50, 500), (snap, slow, readNanos) -> seen.add(snap));
    poller.pollOnce();
    sw.failReads(true);
    poller.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> poller.halErrors() >= 5);
      HalSnapshot last = seen.get(seen.size() - 1);
      assertThat(last.status(0)).isEqualTo(ReadingStatus.UNAVAILABLE);
      // The last good values are kept for reference, and entity states are as last read.
      assertThat(last.value(0)).isEqualTo(seen.get(0).value(0));
      assertThat(last.entityStatus("port1")).isEqualTo(seen.get(0).entityStatus("port1"));
      sw.failReads(false);
      await().atMost(Duration.ofSeconds(5))
          .until(() -> seen.get(seen.size() - 1).status(0) == ReadingStatus.OK);
    } finally {
      poller.stop();
    }
  }

  @Test
  void slowSensorsAreDueEveryFifthCycleAtTheDefaultIntervals() {
    List<Boolean> slow = new CopyOnWriteArrayList<>();
    Poller poller = new Poller(sw, new PollingConfig(1000, 5000, 500), (snap, s, readNanos) -> slow.add(s));
    for (int i = 0; i < 10; i++) {
      poller.pollOnce();
    }
    assertThat(slow).containsExactly(true, false, false, false, false, true, false, false, false, false);
  }

  @Test
  void anInterruptRunsACycleAtOnce() {
    AtomicInteger cycles = new AtomicInteger();
    Poller poller = new Poller(sw, new PollingConfig(60_000, 60_000, 500), (snap, s, readNanos) -> cycles.incrementAndGet());
    poller.start();
    try {
      sw.interrupt("els1");
      await().atMost(Duration.ofSeconds(2)).until(() -> cycles.get() == 1);
      assertThat(poller.interrupts()).isEqualTo(1);
    } finally {
      poller.stop();
    }
  }

  @Test
  void aReadHungInAnInterruptCycleDoesNotStopTheSchedule() throws Exception {
    HangingSwitch hal = new HangingSwitch(sw);
    List<HalSnapshot> seen = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    Poller poller = new Poller(hal, new PollingConfig(10, 50, 50), (snap, slow, readNanos) -> {
      seen.add(snap);
      threads.add(Thread.currentThread().getName());
    });
    poller.pollOnce();
    poller.start();
    try {
      hal.hang();
      sw.interrupt("els1");
      await().atMost(Duration.ofSeconds(5)).until(() -> hal.hanging.getCount() == 0);
      // The interrupt cycle's read hangs on the reader thread; the scheduled cycles go on, unavailable.
      int before = seen.size();
      await().atMost(Duration.ofSeconds(5)).until(() -> poller.halErrors() >= 5 && seen.size() >= before + 5);
      assertThat(seen.get(seen.size() - 1).status(0)).isEqualTo(ReadingStatus.UNAVAILABLE);
      hal.release();
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.get(seen.size() - 1).status(0) == ReadingStatus.OK);
      // The interrupt's cycle, once its read came back, ran on the reader thread: no hand-over back.
      assertThat(threads).contains("hal-reader", "poller");
    } finally {
      hal.release();
      poller.stop();
    }
  }

  @Test
  void interruptAndScheduledCyclesSeeTheReadsInOrder() {
    List<Long> sequences = new CopyOnWriteArrayList<>();
    AtomicInteger slow = new AtomicInteger();
    Poller poller = new Poller(sw, new PollingConfig(2, 4, 500), (snap, s, readNanos) -> {
      sequences.add(snap.sequence());
      if (s) {
        slow.incrementAndGet();
      }
    });
    poller.start();
    try {
      for (int i = 0; i < 2000 && sequences.size() < 300; i++) {
        sw.interrupt("els" + (i % 2 + 1));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> sequences.size() >= 300);
    } finally {
      poller.stop();
    }
    for (int i = 1; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).as("read %d after %d", sequences.get(i), sequences.get(i - 1))
          .isGreaterThan(sequences.get(i - 1));
    }
    assertThat(slow.get()).isPositive();
  }

  /** A HAL whose reads block, while told to, until released. */
  private static final class HangingSwitch implements SwitchHal {
    final FakeSwitch sw;
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile CountDownLatch hanging = new CountDownLatch(0);

    HangingSwitch(FakeSwitch sw) {
      this.sw = sw;
    }

    void hang() {
      gate = new CountDownLatch(1);
      hanging = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    @Override
    public HalSnapshot snapshot() throws HalException {
      CountDownLatch g = gate;
      if (g.getCount() > 0) {
        hanging.countDown();
        try {
          g.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HalException("interrupted");
        }
      }
      return sw.snapshot();
    }

    @Override
    public Inventory inventory() {
      return sw.inventory();
    }

    @Override
    public Clock clock() {
      return sw.clock();
    }

    @Override
    public List<LatchedFlag> readAndClearFlags(String module) {
      return sw.readAndClearFlags(module);
    }

    @Override
    public void setInterruptListener(InterruptListener listener) {
      sw.setInterruptListener(listener);
    }

    @Override
    public void setLaserEnabled(String laser, boolean enabled) {
      sw.setLaserEnabled(laser, enabled);
    }

    @Override
    public void setPortAdminUp(String port, boolean up) {
      sw.setPortAdminUp(port, up);
    }

    @Override
    public void setFanSpeedPercent(String fan, double percent) {
      sw.setFanSpeedPercent(fan, percent);
    }

    @Override
    public void setAsicShutdown(String asic, boolean shutdown) {
      sw.setAsicShutdown(asic, shutdown);
    }

    @Override
    public void close() {}
  }
}
