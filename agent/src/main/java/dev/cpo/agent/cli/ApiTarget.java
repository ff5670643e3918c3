package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.scenario.LiveTarget;
import dev.cpo.agent.scenario.RouteApi;
import dev.cpo.agent.scenario.ScenarioTarget.TargetException;

/** A running agent's control API over HTTP, for a {@link LiveTarget}: its plain routes, or one switch's of a fleet. */
final class ApiTarget extends RouteApi {

  private final ControlClient client;

  ApiTarget(ControlClient client) {
    this(client, null);
  }

  private ApiTarget(ControlClient client, String switchId) {
    super(switchId);
    this.client = client;
  }

  @Override
  protected JsonNode send(String method, String path, JsonNode body) throws TargetException {
    try {
      return switch (method) {
        case "GET" -> client.get(path);
        case "POST" -> client.post(path, body);
        default -> client.delete(path);
      };
    } catch (ControlClient.Failure e) {
      throw new TargetException(e.getMessage(), e.status());
    }
  }

  @Override
  protected RouteApi forSwitch(String id) {
    return new ApiTarget(client, id);
  }
}
