package dev.cpo.agent.mqtt.link;

import java.util.Objects;

/**
 * One message to publish.
 *
 * @param lane how it waits in the outbox
 * @param topic full topic
 * @param payload bytes; empty clears a retained topic
 * @param qos 0 or 1
 * @param retained retain flag
 * @param expirySeconds MQTT 5 message expiry interval, 0 for none
 * @param correlationData MQTT 5 correlation data for a response, or {@code null}
 */
public record OutboundMessage(Lane lane, String topic, byte[] payload, int qos, boolean retained, long expirySeconds,
    byte[] correlationData) {

  public OutboundMessage {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
  }

  public static OutboundMessage of(Lane lane, String topic, byte[] payload, int qos, boolean retained) {
    return new OutboundMessage(lane, topic, payload, qos, retained, 0, null);
  }
}
