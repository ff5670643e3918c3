package dev.cpo.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.hal.sim.SimSettings;
import dev.cpo.hal.sim.SimulatorControl;
import java.util.Iterator;
import java.util.Map;

/**
 * A change of simulator settings read from {@code {"timeScale":..,"load":..,"seed":..}} (any subset),
 * validated as a whole before anything is applied.
 */
record SimUpdate(Double timeScale, Double load, Long seed) {

  static SimUpdate parse(JsonNode body, SimSettings current) {
    if (body == null || !body.isObject() || body.isEmpty()) {
      throw ApiException.badRequest("invalid-request",
          "the body must be a JSON object with one or more of timeScale, load, seed, e.g. {\"timeScale\":3600}");
    }
    Double timeScale = null;
    Double load = null;
    Long seed = null;
    Iterator<Map.Entry<String, JsonNode>> it = body.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      switch (f.getKey()) {
        case "timeScale" -> timeScale = number("timeScale", v);
        case "load" -> load = number("load", v);
        case "seed" -> {
          if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badRequest("invalid-field", "'seed' must be an integer, was " + v);
          }
          seed = v.asLong();
        }
        default -> throw ApiException.badRequest("unknown-field",
            "unknown field '" + f.getKey() + "'; allowed: timeScale, load, seed");
      }
    }
    try {
      // SimSettings checks the ranges; building it from the merged values validates the whole change.
      new SimSettings(timeScale != null ? timeScale : current.timeScale(), load != null ? load : current.load(),
          seed != null ? seed : current.seed());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("out-of-range", e.getMessage());
    }
    return new SimUpdate(timeScale, load, seed);
  }

  private static double number(String field, JsonNode v) {
    if (!v.isNumber()) {
      throw ApiException.badRequest("invalid-field", "'" + field + "' must be a number, was " + v);
    }
    return v.asDouble();
  }

  void applyTo(SimulatorControl sim) {
    if (timeScale != null) {
      sim.setTimeScale(timeScale);
    }
    if (load != null) {
      sim.setLoad(load);
    }
    if (seed != null) {
      sim.setSeed(seed);
    }
  }
}
