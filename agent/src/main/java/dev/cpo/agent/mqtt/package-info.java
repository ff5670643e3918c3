/**
 * MQTT northbound: the embedded broker, and the publisher that maps the agent's snapshot and events to
 * the {@code cpo/v1/<switch>/...} topics (status, meta, telemetry, state, active alarms, events,
 * commands) as flat JSON with one schema per message class ({@code /schemas/mqtt/*.schema.json}).
 * Reads {@link dev.cpo.agent.core.AgentView} only, never the HAL; the link to the broker is in
 * {@link dev.cpo.agent.mqtt.link}.
 */
package dev.cpo.agent.mqtt;
