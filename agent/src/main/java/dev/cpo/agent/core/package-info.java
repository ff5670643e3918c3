/** The agent's published view: the latest snapshot, alarms, forecasts and stats, and the event stream. */
package dev.cpo.agent.core;
