package dev.cpo.agent.mqtt.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void theCapDoublesPerFailureUpToTheMaximumAndResetsOnSuccess() {
    List<Long> caps = new ArrayList<>();
    Backoff b = new Backoff(500, 30_000, bound -> bound);
    for (int i = 0; i < 9; i++) {
      caps.add(b.nextDelayMillis());
    }
    assertThat(caps).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    b.reset();
    assertThat(b.nextDelayMillis()).isEqualTo(500);
  }

  @Test
  void delaysAreSpreadOverTheWholeRangeFromZeroToTheCap() {
    Random r = new Random(1);
    Backoff b = new Backoff(1_000, 1_000, bound -> (long) (r.nextDouble() * (bound + 1)));
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1_000; i++) {
      long d = b.nextDelayMillis();
      assertThat(d).isBetween(0L, 1_000L);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isLessThan(50);
    assertThat(max).isGreaterThan(950);
  }

  @Test
  void manyFailuresNeverOverflowTheCap() {
    Backoff b = new Backoff(500, 30_000, bound -> bound);
    for (int i = 0; i < 100; i++) {
      assertThat(b.nextDelayMillis()).isBetween(0L, 30_000L);
    }
  }
}
