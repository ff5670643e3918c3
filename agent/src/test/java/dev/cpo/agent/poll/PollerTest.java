package dev.cpo.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.testing.FakeSwitch;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.ReadingStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
