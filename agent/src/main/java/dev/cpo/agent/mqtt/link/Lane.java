package dev.cpo.agent.mqtt.link;

/**
 * How the outbox treats a message while it waits. Lanes are drained in declaration order; when the
 * outbox is full, messages are dropped from the lane with the highest {@link #dropRank()} first.
 */
public enum Lane {
  /** status and meta: coalesced by topic, never dropped. */
  BIRTH(true, Integer.MIN_VALUE),
  /** command responses: in order, never dropped. */
  RESPONSE(false, Integer.MIN_VALUE),
  /** the events topic: in order (each carries its seq), dropped only after telemetry and state. */
  EVENT(false, 2),
  /** retained active alarms: coalesced by topic (the latest raise or clear wins), dropped last. */
  ALARM(true, 1),
  /** retained on-change state: coalesced by topic. */
  STATE(true, 3),
  /** periodic readings: coalesced by topic (only the latest reading matters), dropped first. */
  TELEMETRY(true, 4);

  private final boolean coalesced;
  private final int dropRank;

  Lane(boolean coalesced, int dropRank) {
    this.coalesced = coalesced;
    this.dropRank = dropRank;
  }

  /** Whether a newer message on the same topic replaces a waiting one. */
  public boolean coalesced() {
    return coalesced;
  }

  /** Higher drops sooner; {@link Integer#MIN_VALUE} never drops. */
  public int dropRank() {
    return dropRank;
  }

  public boolean droppable() {
    return dropRank != Integer.MIN_VALUE;
  }
}
