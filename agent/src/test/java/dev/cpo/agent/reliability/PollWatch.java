package dev.cpo.agent.reliability;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the agent's poll loop from outside, every 50 ms: the longest wall-clock gap between two new
 * snapshots (the period as a manager would see it: 1 s when the loop keeps time) and the longest cycle
 * reported in {@link dev.cpo.agent.core.AgentStats#lastPollDurationMicros()}.
 */
final class PollWatch {

  private static final long EVERY_MILLIS = 50;

  private final AgentView agent;
  private AgentSnapshot last;
  private long lastChangeNanos;
  private volatile long maxGapNanos;
  private volatile long maxCycleMicros;

  private PollWatch(AgentView agent) {
    this.agent = agent;
    last = agent.latest();
    lastChangeNanos = System.nanoTime();
  }

  /** Starts watching on {@code executor} (one task, never run concurrently with itself). */
  static PollWatch start(AgentView agent, ScheduledExecutorService executor) {
    PollWatch w = new PollWatch(agent);
    executor.scheduleAtFixedRate(w::sample, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    return w;
  }

  private void sample() {
    AgentSnapshot now = agent.latest();
    long t = System.nanoTime();
    if (now != last) {
      maxGapNanos = Math.max(maxGapNanos, t - lastChangeNanos);
      last = now;
      lastChangeNanos = t;
      maxCycleMicros = Math.max(maxCycleMicros, now.stats().lastPollDurationMicros());
    }
  }

  /** Longest time between two snapshots seen, in ms (sampling adds up to 50 ms). */
  double maxGapMillis() {
    return maxGapNanos / 1e6;
  }

  /** Longest poll cycle reported, in ms. */
  double maxCycleMillis() {
    return maxCycleMicros / 1e3;
  }
}
