package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** RFC 6933 entConfigChange throttling, with the end of each period under the test's control. */
class ConfigChangeThrottleTest {

  private final Deque<Runnable> periodEnds = new ArrayDeque<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final ConfigChangeThrottle throttle = new ConfigChangeThrottle((task, delay) -> periodEnds.add(task),
      Duration.ofSeconds(5), sent::incrementAndGet);

  private void endPeriod() {
    periodEnds.removeFirst().run();
  }

  @Test
  void aChangeAfterAQuietPeriodIsNotifiedAtOnce() {
    throttle.changed();
    endPeriod();

    throttle.changed();

    assertThat(sent).hasValue(2);
  }

  @Test
  void changesWithinAPeriodAreFoldedIntoOneNotificationAtItsEnd() {
    throttle.changed();
    throttle.changed();
    throttle.changed();
    assertThat(sent).hasValue(1);

    endPeriod();
    assertThat(sent).hasValue(2);
    // that notification opened a new period, which ends quietly
    endPeriod();
    assertThat(sent).hasValue(2);
    assertThat(periodEnds).isEmpty();
  }
}
