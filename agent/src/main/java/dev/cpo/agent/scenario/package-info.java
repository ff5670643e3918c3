/**
 * Scenarios: a YAML timeline of fault injections, clears, simulator settings and expectations on
 * telemetry, run against a live agent's control API or in-process on simulated time.
 */
package dev.cpo.agent.scenario;
