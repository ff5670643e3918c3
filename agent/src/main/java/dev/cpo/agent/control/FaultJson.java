package dev.cpo.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultOption;
import dev.cpo.hal.fault.FaultParameter;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.fault.FaultType;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Faults as JSON, and a fault request read from JSON ({@code {"type":..,"target":.., param: number or
 * option: "choice"...}}, e.g. {@code {"type":"fiber-cut","target":"port3","direction":"rx"}}).
 */
public final class FaultJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private FaultJson() {}

  /**
   * Reads an injection request. Parameters are the other top-level fields, or the fields of a
   * {@code "parameters"} object; each is a number (a numeric parameter) or a string (an option such as
   * {@code direction}); the catalog then checks names, ranges and choices.
   *
   * @throws ApiException 400 naming the missing or ill-typed field
   */
  public static FaultRequest request(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("invalid-request", "the body must be a JSON object like {\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}");
    }
    String type = requiredText(body, "type");
    String target = requiredText(body, "target");
    Map<String, Double> params = new LinkedHashMap<>();
    Map<String, String> options = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = body.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      if (key.equals("type") || key.equals("target")) {
        continue;
      }
      if (key.equals("parameters") && f.getValue().isObject()) {
        f.getValue().fields().forEachRemaining(p -> parameter(type, p.getKey(), p.getValue(), params, options));
      } else {
        parameter(type, key, f.getValue(), params, options);
      }
    }
    return new FaultRequest(type, target, params, options);
  }

  private static void parameter(String type, String key, JsonNode v, Map<String, Double> params,
      Map<String, String> options) {
    boolean numeric = dev.cpo.hal.fault.FaultCatalog.type(type)
        .map(t -> t.parameters().stream().anyMatch(p -> p.name().equals(key))).orElse(false);
    if (v.isTextual() && !numeric) {
      options.put(key, v.asText());
    } else {
      params.put(key, number(key, v));
    }
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing-field", "'" + field + "' is required");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiException.badRequest("invalid-field", "'" + field + "' must be a non-empty string, was " + v);
    }
    return v.asText();
  }

  private static double number(String key, JsonNode v) {
    if (!v.isNumber()) {
      throw ApiException.badRequest("invalid-parameter", "parameter '" + key + "' must be a number (or, for an"
          + " option, a string), was " + v);
    }
    return v.asDouble();
  }

  public static ArrayNode catalog(List<FaultType> types) {
    ArrayNode out = F.arrayNode();
    for (FaultType t : types) {
      ObjectNode o = out.addObject();
      o.put("type", t.name());
      o.put("description", t.description());
      ArrayNode classes = o.putArray("targetClasses");
      t.targetClasses().stream().sorted().map(InventoryJson::className).forEach(classes::add);
      ArrayNode params = o.putArray("parameters");
      for (FaultParameter p : t.parameters()) {
        ObjectNode po = params.addObject();
        po.put("name", p.name());
        po.put("unit", p.unit());
        po.put("default", p.defaultValue());
        po.put("min", p.min());
        po.put("max", p.max());
        po.put("description", p.description());
      }
      for (FaultOption opt : t.options()) {
        ObjectNode po = params.addObject();
        po.put("name", opt.name());
        ArrayNode choices = po.putArray("choices");
        opt.choices().forEach(choices::add);
        po.put("default", opt.defaultChoice());
        po.put("description", opt.description());
      }
    }
    return out;
  }

  public static ObjectNode active(ActiveFault f) {
    ObjectNode o = F.objectNode();
    o.put("id", f.id());
    o.put("type", f.type());
    o.put("target", f.target());
    ObjectNode params = o.putObject("parameters");
    new TreeMap<>(f.parameters()).forEach(params::put);
    new TreeMap<>(f.options()).forEach(params::put);
    o.put("injectedAtMillis", f.injectedAtMillis());
    o.put("injectedAt", Instant.ofEpochMilli(f.injectedAtMillis()).toString());
    return o;
  }

  public static ArrayNode active(List<ActiveFault> faults) {
    ArrayNode out = F.arrayNode();
    faults.forEach(f -> out.add(active(f)));
    return out;
  }
}
