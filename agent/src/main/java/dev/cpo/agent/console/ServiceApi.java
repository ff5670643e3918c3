package dev.cpo.agent.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.control.ApiException;
import dev.cpo.agent.control.ControlService;
import dev.cpo.agent.scenario.LiveTarget;
import dev.cpo.agent.scenario.ScenarioTarget.TargetException;

/**
 * The live agent's control service, called in process, for a scenario run started from the console: the
 * same calls and answers as over HTTP, without a connection to its own server.
 */
final class ServiceApi implements LiveTarget.Api {

  private final ControlService service;

  ServiceApi(ControlService service) {
    this.service = service;
  }

  @Override
  public JsonNode health() throws TargetException {
    return call(service::health);
  }

  @Override
  public JsonNode inject(ObjectNode request) throws TargetException {
    return call(() -> service.injectFault(request));
  }

  @Override
  public void clear(String id) throws TargetException {
    call(() -> service.clearFault(id));
  }

  @Override
  public void sim(ObjectNode settings) throws TargetException {
    call(() -> service.updateSim(settings));
  }

  @Override
  public JsonNode telemetry(String entity) throws TargetException {
    return call(() -> service.telemetry(entity));
  }

  private interface Call {
    JsonNode run();
  }

  private static JsonNode call(Call c) throws TargetException {
    try {
      return c.run();
    } catch (ApiException e) {
      throw new TargetException(e.error() + ": " + e.detail());
    }
  }
}
