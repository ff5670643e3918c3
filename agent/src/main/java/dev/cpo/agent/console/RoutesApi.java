package dev.cpo.agent.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.control.ApiException;
import dev.cpo.agent.control.Request;
import dev.cpo.agent.control.Response;
import dev.cpo.agent.control.Routes;
import dev.cpo.agent.scenario.RouteApi;
import dev.cpo.agent.scenario.ScenarioTarget.TargetException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The control API's routes called in process, for a scenario run started from the console: the same
 * requests and answers as over HTTP, without a connection to its own server. In a fleet, the table is
 * the one that serves {@code /api/v1/switches/{id}/...}, so a run reaches every switch.
 */
final class RoutesApi extends RouteApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, List<String>> HEADERS = Map.of("content-type", List.of("application/json"));

  private final Routes routes;

  /** @param switchId the switch the plain calls reach, or null for the table's plain routes */
  RoutesApi(Routes routes, String switchId) {
    super(switchId);
    this.routes = routes;
  }

  @Override
  protected JsonNode send(String method, String path, JsonNode body) throws TargetException {
    try {
      Response res = routes.dispatch(Request.of(method, path, HEADERS, body == null ? null : JSON.writeValueAsBytes(body)));
      return res.body().length == 0 ? JSON.nullNode() : JSON.readTree(res.body());
    } catch (ApiException e) {
      throw new TargetException(e.error() + ": " + e.detail(), e.status());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " answered a body that is not JSON", e);
    }
  }

  @Override
  protected RouteApi forSwitch(String id) {
    return new RoutesApi(routes, id);
  }
}
