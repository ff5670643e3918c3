package dev.cpo.agent.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.control.TelemetryJson;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.Entity;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/history?entity=..} as JSON: the entity's sensors (a port has none of its own: then
 * its lanes'), each with its unit, its four threshold levels in force and its samples, beside one array
 * of sample times.
 */
final class HistoryJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private HistoryJson() {}

  /** The sensors a history of {@code entity} shows. */
  static List<Sensor> sensorsOf(Inventory inv, Entity entity) {
    List<Sensor> own = inv.sensorsOf(entity.name());
    if (!own.isEmpty()) {
      return own;
    }
    List<Sensor> children = new ArrayList<>();
    for (Entity e : inv.entities()) {
      if (entity.name().equals(e.parent())) {
        children.addAll(inv.sensorsOf(e.name()));
      }
    }
    return children;
  }

  static ObjectNode history(Entity entity, List<Sensor> sensors, SensorHistory.Series series,
      SensorHistory history, ThresholdService thresholds) {
    ObjectNode out = F.objectNode();
    out.put("entity", entity.name());
    out.put("resolutionMillis", history.resolutionMillis());
    out.put("windowMillis", history.windowMillis());
    ArrayNode times = out.putArray("timesMillis");
    for (long t : series.timesMillis()) {
      times.add(t);
    }
    ArrayNode list = out.putArray("sensors");
    for (int i = 0; i < sensors.size(); i++) {
      Sensor s = sensors.get(i);
      ObjectNode o = list.addObject();
      o.put("id", s.id());
      o.put("entity", s.entity());
      o.put("kind", s.kind().key());
      o.put("unit", TelemetryJson.symbol(s.unit()));
      ObjectNode levels = o.putObject("thresholds");
      ThresholdSet set = thresholds == null ? ThresholdSet.NONE : thresholds.effective(s.id());
      for (ThresholdLevel l : ThresholdLevel.values()) {
        number(levels, l.key(), set.get(l));
      }
      ArrayNode values = o.putArray("values");
      for (float v : series.values().get(i)) {
        if (Float.isFinite(v)) {
          values.add(v);
        } else {
          values.addNull();
        }
      }
    }
    return out;
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
