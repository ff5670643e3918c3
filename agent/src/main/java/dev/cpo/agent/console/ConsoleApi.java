package dev.cpo.agent.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.control.ApiException;
import dev.cpo.agent.control.InventoryJson;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.scenario.ScenarioException;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.util.List;
import java.util.Objects;

/**
 * What the console's own control routes do, without HTTP: each method answers one route with a JSON
 * tree, or throws {@link ApiException} naming what is wrong (and then has changed nothing).
 */
public final class ConsoleApi {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final AgentView agent;
  private final SensorHistory history;
  private final ConsoleFeed feed;
  private final ScenarioRuns scenarios;

  public ConsoleApi(AgentView agent, SensorHistory history, ConsoleFeed feed, ScenarioRuns scenarios) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.history = Objects.requireNonNull(history, "history");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
  }

  /** {@code GET /api/v1/history?entity=..}: the entity's sensors over the kept window. */
  public ObjectNode history(String entity) {
    if (entity == null || entity.isEmpty()) {
      throw new ApiException(400, "missing-query", "history needs '?entity=NAME', e.g. ?entity=els3/laser5");
    }
    Inventory inv = agent.latest().hal().inventory();
    Entity e = inv.entity(entity)
        .orElseThrow(() -> new ApiException(404, "unknown-entity", "no entity named '" + entity + "'"));
    List<Sensor> sensors = HistoryJson.sensorsOf(inv, e);
    return HistoryJson.history(e, sensors, history.series(sensors), history, agent.thresholds());
  }

  /**
   * {@code GET /api/v1/console/readings?entity=..}: the latest readings of the entity and, for a port, of its
   * lanes, as {@code /api/v1/telemetry} gives them one entity at a time: the detail panel's one read per snapshot
   * instead of five for a port.
   */
  public ObjectNode readings(String entity) {
    if (entity == null || entity.isEmpty()) {
      throw new ApiException(400, "missing-query", "readings need '?entity=NAME', e.g. ?entity=port17");
    }
    var snap = agent.latest().hal();
    return readings(snap, entity(snap.inventory(), entity));
  }

  /** The entity named, or 404. */
  static Entity entity(Inventory inv, String entity) {
    return inv.entity(entity)
        .orElseThrow(() -> new ApiException(404, "unknown-entity", "no entity named '" + entity + "'"));
  }

  /** {@code e}'s readings in {@code snap} and, for a port, its lanes': the readings route's answer. */
  static ObjectNode readings(dev.cpo.hal.HalSnapshot snap, Entity e) {
    Inventory inv = snap.inventory();
    List<Entity> shown = new java.util.ArrayList<>();
    shown.add(e);
    if (e.entityClass() == EntityClass.PORT) {
      for (Entity c : inv.entities()) {
        if (e.name().equals(c.parent())) {
          shown.add(c);
        }
      }
    }
    return dev.cpo.agent.control.TelemetryJson.telemetry(snap, shown);
  }

  /**
   * {@code GET /api/v1/console/layout}: the inventory as the faceplate needs it, lean enough for the
   * 409.6T profile's page to stay under 500 KB: every entity but the lanes as one row of {@code fields}
   * (lanes are {@code portN/laneK} for K up to {@code lanesPerPort}; what feeds them is in the mapping),
   * and the laser -> lanes -> ports mapping.
   */
  public ObjectNode layout() {
    Inventory inv = agent.latest().hal().inventory();
    ObjectNode full = InventoryJson.inventory(inv);
    ObjectNode o = F.objectNode();
    for (String k : List.of("profile", "model", "lanesPerPort", "laneRateMbps", "portSpeedMbps", "counts")) {
      o.set(k, full.get(k));
    }
    ArrayNode fields = o.putArray("fields");
    List.of("name", "class", "parent", "position", "fieldReplaceable", "serial", "description").forEach(fields::add);
    ArrayNode rows = o.putArray("entities");
    for (Entity e : inv.entities()) {
      if (e.entityClass() == EntityClass.LANE) {
        continue;
      }
      ArrayNode r = rows.addArray();
      r.add(e.name());
      r.add(InventoryJson.className(e.entityClass()));
      r.add(e.parent());
      r.add(e.relativePosition());
      r.add(e.fieldReplaceable());
      r.add(e.serialNumber());
      r.add(e.description());
    }
    ArrayNode mapping = o.putArray("laserMapping");
    full.path("laserMapping").forEach(m -> {
      ObjectNode c = mapping.addObject();
      c.set("laser", m.get("laser"));
      c.set("engines", m.get("engines"));
      c.set("lanes", m.get("lanes"));
      c.set("ports", m.get("ports"));
    });
    return o;
  }

  /** {@code GET /api/v1/console/state}: everything the page shows, to apply the event stream's diffs to. */
  public ObjectNode state() {
    return feed.picture();
  }

  /** {@code GET /api/v1/scenarios}: the files on offer and the runs kept. */
  public ObjectNode scenarios() {
    ObjectNode o = F.objectNode();
    o.put("source", scenarios.source());
    ArrayNode files = o.putArray("files");
    scenarios.files().forEach(files::add);
    ArrayNode runs = o.putArray("runs");
    scenarios.runs().forEach(r -> runs.add(r.json()));
    return o;
  }

  /** {@code GET /api/v1/scenarios/{file}}: one file's text. */
  public ObjectNode scenario(String file) {
    try {
      ObjectNode o = F.objectNode();
      o.put("file", file);
      o.put("yaml", scenarios.read(file));
      return o;
    } catch (ScenarioRuns.Refused e) {
      throw refused(e);
    }
  }

  /** {@code POST /api/v1/scenarios/runs} with {@code {"file": ..}} or {@code {"yaml": ..}}: starts a run. */
  public ObjectNode startRun(JsonNode body) {
    if (!body.isObject()) {
      throw new ApiException(400, "invalid-request", "the body is an object: {\"file\": \"laser-failure.yaml\"}"
          + " or {\"yaml\": \"...\"}");
    }
    body.fieldNames().forEachRemaining(k -> {
      if (!k.equals("file") && !k.equals("yaml")) {
        throw new ApiException(400, "unknown-field", "unknown field '" + k + "'; a run takes 'file' or 'yaml'");
      }
    });
    try {
      return scenarios.start(text(body, "file"), text(body, "yaml")).json();
    } catch (ScenarioException e) {
      throw new ApiException(400, "invalid-scenario", e.getMessage());
    } catch (ScenarioRuns.Refused e) {
      throw refused(e);
    }
  }

  /** {@code GET /api/v1/scenarios/runs/{id}}: one run with its steps so far. */
  public ObjectNode run(String id) {
    try {
      return scenarios.get(id).json();
    } catch (ScenarioRuns.Refused e) {
      throw refused(e);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ApiException(400, "invalid-field", "'" + field + "' must be a string");
    }
    return v.asText();
  }

  private static ApiException refused(ScenarioRuns.Refused e) {
    if (e.conflict()) {
      return new ApiException(409, "conflict", e.getMessage());
    }
    if (e.notFound()) {
      return new ApiException(404, "not-found", e.getMessage());
    }
    return new ApiException(400, "invalid-request", e.getMessage());
  }
}
