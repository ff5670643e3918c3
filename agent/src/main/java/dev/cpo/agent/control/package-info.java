/**
 * The HTTP control server (Netty): {@link dev.cpo.agent.control.ControlServer} (bootstrap),
 * {@link dev.cpo.agent.control.ControlServerInitializer} (pipeline),
 * {@link dev.cpo.agent.control.ControlServerHandler} (HTTP to a routed call and back), the
 * {@link dev.cpo.agent.control.Routes} table any package registers routes in (a
 * {@link dev.cpo.agent.control.RouteHandler} takes a {@link dev.cpo.agent.control.Request} and answers a
 * {@link dev.cpo.agent.control.Response}: JSON, text, bytes, {@link dev.cpo.agent.control.StaticFiles}
 * or an {@link dev.cpo.agent.control.EventStream}), and the plain
 * {@link dev.cpo.agent.control.ControlService} that answers the JSON API without knowing about HTTP.
 * docs/control-server.md shows how to register a route.
 */
package dev.cpo.agent.control;
