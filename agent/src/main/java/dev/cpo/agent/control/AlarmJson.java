package dev.cpo.agent.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.alarm.Alarm;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Alarms as JSON. */
public final class AlarmJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AlarmJson() {}

  public static ArrayNode alarms(List<Alarm> alarms) {
    ArrayNode out = F.arrayNode();
    alarms.forEach(a -> out.add(alarm(a)));
    return out;
  }

  public static ObjectNode alarm(Alarm a) {
    ObjectNode o = F.objectNode();
    o.put("id", a.id());
    o.put("number", a.number());
    o.put("condition", a.condition());
    o.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
    o.put("entity", a.entity());
    o.put("text", a.text());
    o.put("raisedAtMillis", a.raisedAtMillis());
    o.put("raisedAt", Instant.ofEpochMilli(a.raisedAtMillis()).toString());
    if (a.active()) {
      o.putNull("clearedAtMillis");
    } else {
      o.put("clearedAtMillis", a.clearedAtMillis());
      o.put("clearedAt", Instant.ofEpochMilli(a.clearedAtMillis()).toString());
    }
    number(o, "value", a.value());
    number(o, "threshold", a.threshold());
    o.put("rootCauseId", a.rootCauseId());
    ArrayNode affected = o.putArray("affected");
    a.affected().forEach(affected::add);
    ObjectNode s = o.putObject("serviceability");
    s.put("replace", a.serviceability().replace());
    s.put("fieldReplaceable", a.serviceability().fieldReplaceable());
    s.put("advice", a.serviceability().advice());
    return o;
  }

  private static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }
}
