package dev.cpo.agent.mqtt.link;

import java.util.Objects;

/**
 * One message to publish.
 *
 * @param lane how it waits in the outbox
 * @param topic full topic
 * @param payload bytes; empty clears a retained topic; {@code null} while a sequenced message has not
 *     been numbered yet (see {@link #numbered()})
 * @param qos 0 or 1
 * @param retained retain flag
 * @param expirySeconds MQTT 5 message expiry interval, 0 for none
 * @param correlationData MQTT 5 correlation data for a response, or {@code null}
 * @param seq where its sequence number comes from, or {@code null} for a message that carries none
 */
public record OutboundMessage(Lane lane, String topic, byte[] payload, int qos, boolean retained, long expirySeconds,
    byte[] correlationData, Unnumbered seq) {

  public OutboundMessage {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(topic, "topic");
    if (payload == null && seq == null) {
      throw new NullPointerException("payload");
    }
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
  }

  /** A message with its final payload. */
  public OutboundMessage(Lane lane, String topic, byte[] payload, int qos, boolean retained, long expirySeconds,
      byte[] correlationData) {
    this(lane, topic, Objects.requireNonNull(payload, "payload"), qos, retained, expirySeconds, correlationData, null);
  }

  public static OutboundMessage of(Lane lane, String topic, byte[] payload, int qos, boolean retained) {
    return new OutboundMessage(lane, topic, payload, qos, retained, 0, null);
  }

  /** A message numbered when it is sent (or dropped). */
  public static OutboundMessage of(Lane lane, String topic, Unnumbered seq, int qos, boolean retained) {
    return new OutboundMessage(lane, topic, null, qos, retained, 0, null, Objects.requireNonNull(seq, "seq"));
  }

  /** A message numbered when it is sent (or dropped), with an expiry. */
  public static OutboundMessage of(Lane lane, String topic, Unnumbered seq, int qos, boolean retained,
      long expirySeconds) {
    return new OutboundMessage(lane, topic, null, qos, retained, expirySeconds, null, Objects.requireNonNull(seq, "seq"));
  }

  /** Whether the payload is final (a sequenced message is final once numbered). */
  public boolean isNumbered() {
    return payload != null;
  }

  /** This message with its final payload: a sequenced one draws its number now; others are returned as they are. */
  public OutboundMessage numbered() {
    return payload != null ? this
        : new OutboundMessage(lane, topic, seq.number(), qos, retained, expirySeconds, correlationData, seq);
  }
}
