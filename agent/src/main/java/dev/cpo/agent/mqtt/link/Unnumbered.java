package dev.cpo.agent.mqtt.link;

/**
 * A payload that takes its sequence number only when the outbox hands it to the broker, or drops it.
 * A message replaced in the outbox by a newer one on the same retained topic before it was sent
 * therefore uses no number, and every number given out is either delivered or a counted loss: a
 * consumer sees a gap exactly when a message was lost.
 */
public interface Unnumbered {

  /** Draws the next number of this payload's message class and returns the payload carrying it. */
  byte[] number();
}
