package dev.cpo.agent.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The control server's route table, open to any package: register a method and an exact path or a
 * path prefix with a {@link RouteHandler}, before or after the server starts. The API's own routes are
 * registered the same way ({@code ControlRouter}), so a new route never edits shared code.
 *
 * <pre>{@code
 * Routes routes = controlServer.routes();
 * routes.get("/metrics", req -> Response.text(200, "text/plain; version=0.0.4", render()));
 * routes.getPrefix("/console/", StaticFiles.classpath("console/"));
 * routes.get("/api/v1/events", req -> Response.events(stream, req.header("Last-Event-ID")));
 * }</pre>
 *
 * <p>Matching: an exact path wins over a prefix, a longer prefix over a shorter one; a trailing slash
 * on the request path is ignored for exact paths. A path some route has, asked with a method none of
 * them takes, gets 405 with an {@code Allow} header; a path no route has gets 404. A GET route also
 * answers HEAD (the body dropped). Registering the same method and path twice is refused, so two
 * packages cannot silently shadow each other.
 */
public final class Routes {

  private record Route(String method, String path, boolean prefix, RouteHandler handler) {}

  /** A matched route: its handler and the request as it sees it. */
  record Match(RouteHandler handler, Request request) {}

  private volatile List<Route> routes = List.of();

  /**
   * Registers a handler for one method and one exact path.
   *
   * @param method e.g. {@code GET}, {@code POST}, {@code DELETE}
   * @param path absolute, e.g. {@code /api/v1/health} or {@code /}
   * @throws IllegalArgumentException when the method and path are already registered, or the path is not absolute
   */
  public Routes add(String method, String path, RouteHandler handler) {
    return register(method, path, false, handler);
  }

  /**
   * Registers a handler for every path under a prefix; the handler reads the rest from
   * {@link Request#remainder()}.
   *
   * @param prefix absolute and ending in {@code /}, e.g. {@code /api/v1/faults/}
   */
  public Routes addPrefix(String method, String prefix, RouteHandler handler) {
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("a route prefix ends in '/', was '" + prefix + "'");
    }
    return register(method, prefix, true, handler);
  }

  public Routes get(String path, RouteHandler handler) {
    return add("GET", path, handler);
  }

  public Routes post(String path, RouteHandler handler) {
    return add("POST", path, handler);
  }

  public Routes delete(String path, RouteHandler handler) {
    return add("DELETE", path, handler);
  }

  public Routes getPrefix(String prefix, RouteHandler handler) {
    return addPrefix("GET", prefix, handler);
  }

  private synchronized Routes register(String method, String path, boolean prefix, RouteHandler handler) {
    Objects.requireNonNull(handler, "handler");
    String m = method.toUpperCase(Locale.ROOT);
    if (!m.matches("[A-Z]+")) {
      throw new IllegalArgumentException("not an HTTP method: '" + method + "'");
    }
    if (m.equals("HEAD")) {
      throw new IllegalArgumentException("HEAD is answered by the GET route of the same path");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path is absolute, was '" + path + "'");
    }
    String p = !prefix && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (Route r : routes) {
      if (r.method.equals(m) && r.path.equals(p) && r.prefix == prefix) {
        throw new IllegalArgumentException("route " + m + " " + p + (prefix ? "*" : "") + " is already registered");
      }
    }
    List<Route> next = new ArrayList<>(routes);
    next.add(new Route(m, p, prefix, handler));
    // Exact paths first, then longer prefixes before shorter ones.
    next.sort(Comparator.comparing((Route r) -> r.prefix).thenComparing(r -> -r.path.length()));
    routes = List.copyOf(next);
    return this;
  }

  /**
   * The handler for a request.
   *
   * @throws ApiException 404 for a path no route has, 405 (with the methods allowed) for a method it does not take
   */
  Match match(Request request) {
    String method = request.method().equals("HEAD") ? "GET" : request.method();
    String path = request.path();
    String exact = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    Set<String> allowed = new LinkedHashSet<>();
    String matchedPath = null;
    boolean matchedPrefix = false;
    for (Route r : routes) {
      boolean hit = r.prefix ? path.startsWith(r.path) && path.length() > r.path.length() : exact.equals(r.path);
      if (!hit) {
        continue;
      }
      // Only the most specific path that some route has decides the methods allowed.
      if (matchedPath != null && !(r.path.equals(matchedPath) && r.prefix == matchedPrefix)) {
        break;
      }
      matchedPath = r.path;
      matchedPrefix = r.prefix;
      allowed.add(r.method);
      if (r.method.equals(method)) {
        Request seen = request.method().equals("HEAD") ? request.withMethod("GET") : request;
        return new Match(r.handler, r.prefix ? seen.withRemainder(path.substring(r.path.length())) : seen);
      }
    }
    if (matchedPath == null) {
      throw ApiException.notFound("unknown-route", "no route " + path);
    }
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
    }
    String allow = String.join(", ", allowed);
    throw ApiException.methodNotAllowed(request.method() + " is not allowed here; allowed: " + allow, allow);
  }

  /**
   * Answers a request from this table, as the server does after its guard: for a table that no server
   * listens on (each switch of a fleet has one, reached under {@code /api/v1/switches/{id}/}).
   *
   * @throws ApiException 404 or 405 as {@link #match} says, or the handler's own refusal
   */
  public Response dispatch(Request request) {
    Match m = match(request);
    return m.handler().handle(m.request());
  }

  /** Every registered route as {@code METHOD path} ({@code *} after a prefix), for docs and 404s. */
  public List<String> list() {
    List<String> out = new ArrayList<>();
    for (Route r : routes) {
      out.add(r.method + " " + r.path + (r.prefix ? "*" : ""));
    }
    return out;
  }
}
