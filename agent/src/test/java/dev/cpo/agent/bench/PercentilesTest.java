package dev.cpo.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  private static long[] millis(long from, long to) {
    return LongStream.rangeClosed(from, to).map(ms -> ms * 1_000_000).toArray();
  }

  @Test
  void ofOneHundredSamplesP99IsTheNinetyNinthSmallestNotTheMaximum() {
    Percentiles p = new Percentiles(millis(1, 100));

    assertThat(p.millis(0.99)).isEqualTo(99.0);
    assertThat(p.millis(0.50)).isEqualTo(50.0);
    assertThat(p.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void ofTenSamplesP99IsTheMaximum() {
    assertThat(new Percentiles(millis(1, 10)).millis(0.99)).isEqualTo(10.0);
  }

  @Test
  void samplesNeedNotBeSortedAndAreNotChanged() {
    long[] samples = {5_000_000, 1_000_000, 3_000_000};

    Percentiles p = new Percentiles(samples);

    assertThat(p.millis(0.5)).isEqualTo(3.0);
    assertThat(samples).containsExactly(5_000_000, 1_000_000, 3_000_000);
    assertThat(p.count()).isEqualTo(3);
  }

  @Test
  void aPercentileOutsideZeroToOneIsRefused() {
    Percentiles p = new Percentiles(millis(1, 3));

    assertThatThrownBy(() -> p.nanos(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.nanos(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noSamplesIsRefused() {
    assertThatThrownBy(() -> new Percentiles(new long[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
