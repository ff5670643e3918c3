package dev.cpo.agent.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.alarm.Alarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Alarms as JSON: each alarm in full ({@link #alarm}), or the view grouped by root cause
 * ({@link #grouped}) that {@code GET /api/v1/alarms} answers by default.
 */
public final class AlarmJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AlarmJson() {}

  public static ArrayNode alarms(List<Alarm> alarms) {
    ArrayNode out = F.arrayNode();
    alarms.forEach(a -> out.add(alarm(a)));
    return out;
  }

  /**
   * Active alarms grouped by root cause: each root in full, with {@code symptomCount} and its
   * {@code symptoms} folded under it (each in brief: id, condition, severity, entity, text, raisedAt,
   * value, threshold). A symptom whose root is not among {@code active} stands as its own group. Groups
   * are ordered most severe first, then oldest first.
   */
  public static ArrayNode grouped(List<Alarm> active) {
    Map<String, Alarm> byId = new HashMap<>();
    active.forEach(a -> byId.put(a.id(), a));
    Map<String, List<Alarm>> symptoms = new LinkedHashMap<>();
    List<Alarm> roots = new ArrayList<>();
    for (Alarm a : active) {
      if (a.isRootCause() || !byId.containsKey(a.rootCauseId())) {
        roots.add(a);
      } else {
        symptoms.computeIfAbsent(a.rootCauseId(), k -> new ArrayList<>()).add(a);
      }
    }
    roots.sort(Comparator.comparing(Alarm::severity).thenComparingLong(Alarm::raisedAtMillis).thenComparing(Alarm::id));
    ArrayNode out = F.arrayNode();
    for (Alarm root : roots) {
      ObjectNode o = alarm(root);
      List<Alarm> folded = symptoms.getOrDefault(root.id(), List.of());
      o.put("symptomCount", folded.size());
      ArrayNode list = o.putArray("symptoms");
      folded.stream()
          .sorted(Comparator.comparingLong(Alarm::raisedAtMillis).thenComparing(Alarm::entity).thenComparing(Alarm::id))
          .forEach(s -> list.add(brief(s)));
      out.add(o);
    }
    return out;
  }

  /** A symptom as its root's group lists it. */
  static ObjectNode brief(Alarm a) {
    ObjectNode o = F.objectNode();
    o.put("id", a.id());
    o.put("condition", a.condition());
    o.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
    o.put("entity", a.entity());
    o.put("text", a.text());
    o.put("raisedAt", Instant.ofEpochMilli(a.raisedAtMillis()).toString());
    number(o, "value", a.rounded(a.value()));
    number(o, "threshold", a.rounded(a.threshold()));
    return o;
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
    number(o, "value", a.rounded(a.value()));
    number(o, "threshold", a.rounded(a.threshold()));
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
