package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A live target's calls as control API requests, on the plain routes ({@code /api/v1/...}, a fleet's
 * first switch) or on one switch of a fleet ({@code /api/v1/switches/{id}/...}). Subclasses send a
 * request: over HTTP (the CLI) or to the route table in process (the console).
 */
public abstract class RouteApi implements LiveTarget.Api {

  private static final String API = "/api/v1/";

  private final String switchId;

  /** @param switchId the switch the calls reach, or null for the plain routes */
  protected RouteApi(String switchId) {
    this.switchId = switchId;
  }

  /**
   * Sends one request and answers its JSON body.
   *
   * @param path absolute, with its query
   * @param body the JSON body, or null for none
   * @throws ScenarioTarget.TargetException with the API's status and error when it refuses, or when it
   *     cannot be reached
   */
  protected abstract JsonNode send(String method, String path, JsonNode body) throws ScenarioTarget.TargetException;

  /** The same kind of API on switch {@code id}. */
  protected abstract RouteApi forSwitch(String id);

  private String path(String rest) {
    return switchId == null ? API + rest : API + "switches/" + segment(switchId) + "/" + rest;
  }

  /** A name as one path segment or query value (entity names hold '/'). */
  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public JsonNode health() throws ScenarioTarget.TargetException {
    return send("GET", path("health"), null);
  }

  @Override
  public JsonNode inject(ObjectNode request) throws ScenarioTarget.TargetException {
    return send("POST", path("faults"), request);
  }

  @Override
  public void clear(String id) throws ScenarioTarget.TargetException {
    send("DELETE", path("faults/" + segment(id)), null);
  }

  @Override
  public void sim(ObjectNode settings) throws ScenarioTarget.TargetException {
    send("POST", path("sim"), settings);
  }

  @Override
  public JsonNode telemetry(String entity) throws ScenarioTarget.TargetException {
    return send("GET", path("telemetry?entity=" + segment(entity)), null);
  }

  @Override
  public JsonNode alarms() throws ScenarioTarget.TargetException {
    return send("GET", path("alarms?flat=true"), null);
  }

  @Override
  public List<String> switches() throws ScenarioTarget.TargetException {
    JsonNode fleet;
    try {
      fleet = send("GET", API + "switches", null);
    } catch (ScenarioTarget.TargetException e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    }
    List<String> ids = new ArrayList<>();
    fleet.path("switches").forEach(s -> ids.add(s.path("id").asText()));
    return ids;
  }

  @Override
  public String switchId() {
    return switchId;
  }

  @Override
  public LiveTarget.Api on(String id) {
    return forSwitch(id);
  }
}
