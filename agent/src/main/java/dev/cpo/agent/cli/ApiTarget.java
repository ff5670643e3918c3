package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.scenario.LiveTarget;
import dev.cpo.agent.scenario.ScenarioTarget.TargetException;

/** A running agent's control API over HTTP, for a {@link LiveTarget}. */
final class ApiTarget implements LiveTarget.Api {

  private final ControlClient client;

  ApiTarget(ControlClient client) {
    this.client = client;
  }

  @Override
  public JsonNode health() throws TargetException {
    return call(() -> client.get("/api/v1/health"));
  }

  @Override
  public JsonNode inject(ObjectNode request) throws TargetException {
    return call(() -> client.post("/api/v1/faults", request));
  }

  @Override
  public void clear(String id) throws TargetException {
    call(() -> client.delete("/api/v1/faults/" + ControlClient.segment(id)));
  }

  @Override
  public void sim(ObjectNode settings) throws TargetException {
    call(() -> client.post("/api/v1/sim", settings));
  }

  @Override
  public JsonNode telemetry(String entity) throws TargetException {
    return call(() -> client.get("/api/v1/telemetry?entity=" + ControlClient.segment(entity)));
  }

  private interface Request {
    JsonNode send() throws ControlClient.Failure;
  }

  private static JsonNode call(Request r) throws TargetException {
    try {
      return r.send();
    } catch (ControlClient.Failure e) {
      throw new TargetException(e.getMessage());
    }
  }
}
