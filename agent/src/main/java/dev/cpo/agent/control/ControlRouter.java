package dev.cpo.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a method and path to a {@link ControlService} call, and the result or refusal to a status and a
 * JSON body. Knows HTTP's vocabulary (status codes, paths) but no Netty type, so it is tested plainly.
 */
final class ControlRouter {

  static final String PREFIX = "/api/v1/";

  private static final Logger LOG = LoggerFactory.getLogger(ControlRouter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ControlService service;

  ControlRouter(ControlService service) {
    this.service = service;
  }

  /** A response: status and JSON body. */
  record Reply(int status, JsonNode body, String allow) {
    static Reply ok(JsonNode body) {
      return new Reply(200, body, null);
    }
  }

  Reply route(String method, String uri, byte[] body) {
    try {
      return dispatch(method, uri, body);
    } catch (ApiException e) {
      return error(e.status(), e.error(), e.detail(), e.allow());
    } catch (IllegalArgumentException e) {
      // A malformed %-escape in the path or query.
      return error(400, "invalid-request", e.getMessage(), null);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", method, uri, e);
      return error(500, "internal-error", e.toString(), null);
    }
  }

  static Reply error(int status, String error, String detail, String allow) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("error", error);
    o.put("detail", detail);
    return new Reply(status, o, allow);
  }

  private Reply dispatch(String method, String uri, byte[] body) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    Map<String, String> query = query(q < 0 ? "" : uri.substring(q + 1));
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.startsWith(PREFIX)) {
      throw notFound(path);
    }
    String rest = path.substring(PREFIX.length());
    allowQuery(query, rest.equals("telemetry") ? "entity" : rest.equals("alarms") ? "history" : null);
    switch (rest) {
      case "health":
        only(method, "GET");
        return Reply.ok(service.health());
      case "inventory":
        only(method, "GET");
        return Reply.ok(service.inventory());
      case "telemetry":
        only(method, "GET");
        return Reply.ok(service.telemetry(query.get("entity")));
      case "alarms":
        only(method, "GET");
        return Reply.ok(service.alarms(flag(query, "history")));
      case "faults/catalog":
        only(method, "GET");
        return Reply.ok(service.faultCatalog());
      case "faults":
        only(method, "GET, POST");
        return method.equals("GET") ? Reply.ok(service.activeFaults())
            : new Reply(201, service.injectFault(json(body)), null);
      case "sim":
        only(method, "POST");
        return Reply.ok(service.updateSim(json(body)));
      case "config/reload":
        only(method, "POST");
        return Reply.ok(service.reloadConfig());
      default:
        if (rest.startsWith("faults/") && rest.indexOf('/', 7) < 0) {
          only(method, "DELETE");
          return Reply.ok(service.clearFault(URLDecoder.decode(rest.substring(7), StandardCharsets.UTF_8)));
        }
        throw notFound(path);
    }
  }

  private static ApiException notFound(String path) {
    return ApiException.notFound("unknown-route", "no route " + path + "; routes are under " + PREFIX
        + " (health, inventory, telemetry, alarms, faults, faults/catalog, sim, config/reload)");
  }

  /** Refuses a method the route does not take with 405 and the methods it does. */
  private static void only(String method, String allowed) {
    for (String m : allowed.split(", ")) {
      if (m.equals(method)) {
        return;
      }
    }
    throw ApiException.methodNotAllowed(method + " is not allowed here; allowed: " + allowed, allowed);
  }

  /** Refuses query parameters the route does not take, so a typo is not silently ignored. */
  private static void allowQuery(Map<String, String> query, String allowed) {
    for (String key : query.keySet()) {
      if (!key.equals(allowed)) {
        throw ApiException.badRequest("unknown-query", "unknown query parameter '" + key + "'"
            + (allowed == null ? "; this route takes none" : "; allowed: " + allowed));
      }
    }
  }

  private static boolean flag(Map<String, String> query, String name) {
    String v = query.get(name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.isEmpty() || v.equals("true")) {
      return true;
    }
    throw ApiException.badRequest("invalid-query", "'" + name + "' must be true or false, was '" + v + "'");
  }

  private static JsonNode json(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("invalid-json", "the request needs a JSON body");
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("invalid-json", "the request needs a JSON body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid-json", "malformed JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("invalid-json", "unreadable body: " + e.getMessage());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }
}
