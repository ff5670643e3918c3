/**
 * The link to the broker: a connection supervisor over Paho's {@code MqttAsyncClient} (full-jitter
 * backoff, first connect included), a bounded outbox that survives disconnects, and the sender that
 * drains it with back-pressure. Knows topics and bytes, nothing of the agent's domain.
 */
package dev.cpo.agent.mqtt.link;
