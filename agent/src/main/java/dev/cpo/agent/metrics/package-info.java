/**
 * The agent in the Prometheus exposition formats ({@code GET /metrics}): {@link dev.cpo.agent.metrics.SwitchCollector}
 * builds the Prometheus Java client's metric snapshots from {@link dev.cpo.agent.core.AgentView#latest()} on each
 * scrape (no second copy of the state), {@link dev.cpo.agent.metrics.MetricNames} names them by Prometheus practice
 * (base units as suffixes, {@code _total} for counters, {@code _info} for metadata), and
 * {@link dev.cpo.agent.metrics.MetricsEndpoint} negotiates the text format (Prometheus 0.0.4 or OpenMetrics 1.0) and
 * writes it. Knows no Netty type: the control server hands it an output stream.
 */
package dev.cpo.agent.metrics;
