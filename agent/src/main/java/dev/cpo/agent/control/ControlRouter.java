package dev.cpo.agent.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API's own routes, registered in a {@link Routes} table like any other package's, and the
 * dispatch of a request to the route that matches: the result, or the refusal as a status and a JSON
 * body. Knows HTTP's vocabulary (status codes, paths) but no Netty type, so it is tested plainly.
 */
final class ControlRouter {

  static final String PREFIX = "/api/v1/";

  private static final Logger LOG = LoggerFactory.getLogger(ControlRouter.class);

  private final Routes routes;

  /** A router with the API's routes only. */
  ControlRouter(ControlService service) {
    this(service, new Routes());
  }

  /** Registers the API's routes in {@code routes}, which other packages may add to. */
  ControlRouter(ControlService service, Routes routes) {
    this.routes = routes;
    register(service, routes);
  }

  Routes routes() {
    return routes;
  }

  private static void register(ControlService service, Routes r) {
    r.get(PREFIX + "health", req -> {
      req.allowQuery();
      return Response.ok(service.health());
    });
    r.get(PREFIX + "inventory", req -> {
      req.allowQuery();
      return Response.ok(service.inventory());
    });
    r.get(PREFIX + "telemetry", req -> {
      req.allowQuery("entity");
      return Response.ok(service.telemetry(req.query("entity")));
    });
    r.get(PREFIX + "alarms", req -> {
      req.allowQuery("flat", "history");
      return Response.ok(service.alarms(req.flag("flat"), req.flag("history")));
    });
    r.get(PREFIX + "faults/catalog", req -> {
      req.allowQuery();
      return Response.ok(service.faultCatalog());
    });
    r.get(PREFIX + "faults", req -> {
      req.allowQuery();
      return Response.ok(service.activeFaults());
    });
    r.post(PREFIX + "faults", req -> {
      req.allowQuery();
      return Response.json(201, service.injectFault(req.json()));
    });
    r.addPrefix("DELETE", PREFIX + "faults/", req -> {
      req.allowQuery();
      String id = req.remainder();
      if (id.indexOf('/') >= 0) {
        throw notFound(req.path());
      }
      return Response.ok(service.clearFault(Request.decode(id)));
    });
    r.post(PREFIX + "sim", req -> {
      req.allowQuery();
      return Response.ok(service.updateSim(req.json()));
    });
    r.post(PREFIX + "config/reload", req -> {
      req.allowQuery();
      return Response.ok(service.reloadConfig());
    });
  }

  /** Answers one request: the matching route's response, or the refusal. Never throws. */
  Response route(Request request) {
    try {
      Routes.Match m = routes.match(request);
      return m.handler().handle(m.request());
    } catch (ApiException e) {
      if (e.status() == 404 && e.error().equals("unknown-route")) {
        e = notFound(request.path());
      }
      Response res = Response.error(e.status(), e.error(), e.detail());
      return e.allow() == null ? res : res.header("Allow", e.allow());
    } catch (RuntimeException e) {
      // The cause goes to the log only: an exception's text can name internals, and helps no client.
      LOG.error("{} {} failed", request.method(), request.path(), e);
      return Response.error(500, "internal-error", "the agent failed to answer this request; its log has the cause");
    }
  }

  private static ApiException notFound(String path) {
    return ApiException.notFound("unknown-route", "no route " + path + "; the API's routes are under " + PREFIX
        + " (health, inventory, telemetry, alarms, faults, faults/catalog, sim, config/reload)");
  }
}
