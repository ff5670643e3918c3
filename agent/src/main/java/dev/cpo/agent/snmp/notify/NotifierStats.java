package dev.cpo.agent.snmp.notify;

/**
 * Counters of one notification target.
 *
 * @param sent notifications handed to the network (informs: first attempts)
 * @param acknowledged informs the receiver acknowledged
 * @param failed notifications that could not be sent, or informs unanswered after every retry
 * @param dropped notifications refused because the target's queue was full
 */
public record NotifierStats(long sent, long acknowledged, long failed, long dropped) {}
