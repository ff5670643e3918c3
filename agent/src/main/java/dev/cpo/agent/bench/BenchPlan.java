package dev.cpo.agent.bench;

import java.time.Duration;

/**
 * How much the run measures: the full run (about 11 minutes: resident memory is read at 10) or {@code --quick}, a smoke
 * run of about 30 s whose figures are indicative only.
 *
 * @param startups child JVMs started to time startup (the median is reported)
 * @param cpuWarmup age of the child agent at which its CPU starts to be measured (JIT warm-up, first polls)
 * @param cpuWindow the CPU measurement window
 * @param walkWarmups untimed walks of each agent before the timed ones
 * @param walkRepetitions timed walks of each agent, alternating
 * @param pollWarmups untimed poll cycles per profile
 * @param pollCycles timed poll cycles per profile
 * @param faultWarmups untimed fault injections
 * @param faultInjections timed fault injections
 * @param rssAge age of the child at which its resident memory is read (SPEC.md: after 10 minutes)
 */
public record BenchPlan(int startups, Duration cpuWarmup, Duration cpuWindow, int walkWarmups, int walkRepetitions,
    int pollWarmups, int pollCycles, int faultWarmups, int faultInjections, Duration rssAge) {

  /** The full run. */
  public static BenchPlan full() {
    return new BenchPlan(5, Duration.ofSeconds(90), Duration.ofSeconds(30), 10, 21, 2_000, 3_000, 20, 300,
        Duration.ofMinutes(10));
  }

  /** The smoke run. */
  public static BenchPlan quick() {
    return new BenchPlan(1, Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 3, 200, 300, 3, 20, Duration.ZERO);
  }
}
