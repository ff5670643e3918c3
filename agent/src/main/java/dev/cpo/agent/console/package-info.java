/**
 * The lab console: the browser page served by the control server, and what it needs beside the
 * plain control API: a bounded history of every sensor for its trend charts ({@link
 * dev.cpo.agent.console.SensorHistory}), a live feed of state, alarm and fault changes for its
 * event stream ({@link dev.cpo.agent.console.ConsoleFeed}), and scenario runs started from the page
 * ({@link dev.cpo.agent.console.ScenarioRuns}). Only the {@code http} subpackage knows Netty.
 */
package dev.cpo.agent.console;
