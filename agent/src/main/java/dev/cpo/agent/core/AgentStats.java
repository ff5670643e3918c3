package dev.cpo.agent.core;

/**
 * Counters about the agent itself.
 *
 * @param pollCycles poll cycles completed
 * @param lastPollDurationMicros wall time of the last cycle (HAL read, thresholds, alarms)
 * @param halErrors HAL reads that failed or timed out
 * @param droppedEvents events lost by subscribers whose queues were full
 * @param interrupts HAL interrupts handled
 */
public record AgentStats(long pollCycles, long lastPollDurationMicros, long halErrors, long droppedEvents,
    long interrupts) {

  public static final AgentStats ZERO = new AgentStats(0, 0, 0, 0, 0);
}
