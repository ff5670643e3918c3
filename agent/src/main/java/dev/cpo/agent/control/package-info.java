/**
 * The HTTP control API for lab testers (Netty, JSON): {@link dev.cpo.agent.control.ControlServer}
 * (bootstrap), {@link dev.cpo.agent.control.ControlServerInitializer} (pipeline),
 * {@link dev.cpo.agent.control.ControlServerHandler} (HTTP to a call and back), and the plain
 * {@link dev.cpo.agent.control.ControlService} that does the work without knowing about HTTP.
 */
package dev.cpo.agent.control;
