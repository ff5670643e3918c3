package dev.cpo.agent.gnmi;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.gnmi.Values.Ident;
import java.util.List;

/**
 * {@code /system/alarms/alarm[id=...]/state} (openconfig-alarms): the agent's active alarms, roots and
 * symptoms, as the snapshot (or an AlarmRaised event) has them.
 */
final class AlarmTree implements DynamicTree {

  static final String ALARM_TYPES = "openconfig-alarm-types";
  private static final Elems ID = Elems.of("id");
  private static final Elems RESOURCE = Elems.of("resource");
  private static final Elems TEXT = Elems.of("text");
  private static final Elems TIME_CREATED = Elems.of("time-created");
  private static final Elems SEVERITY = Elems.of("severity");
  private static final Elems TYPE_ID = Elems.of("type-id");
  private static final List<Elems> LEAVES = List.of(ID, RESOURCE, TEXT, TIME_CREATED, SEVERITY, TYPE_ID);
  private static final Elems TEMPLATE = prefix(null);

  /** The state container of one alarm. */
  static Elems prefix(String id) {
    return new Elems.Builder().add("system").add("alarms").add("alarm", "id", id).add("state").build();
  }

  @Override
  public boolean covers(PathPattern p) {
    if (!p.openconfig()) {
      return false;
    }
    for (Elems rel : LEAVES) {
      if (p.matches(TEMPLATE, rel)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void collect(PathPattern p, View v, Sink sink) {
    for (Alarm a : v.snapshot().activeAlarms()) {
      collect(p, a, sink);
    }
  }

  /** The leaves of one alarm under {@code p}. */
  void collect(PathPattern p, Alarm a, Sink sink) {
    Elems prefix = prefix(a.id());
    for (Elems rel : LEAVES) {
      if (p.matches(prefix, rel)) {
        sink.accept(prefix, rel, value(a, rel));
      }
    }
  }

  private static Object value(Alarm a, Elems rel) {
    return switch (rel.name(0)) {
      case "id" -> a.id();
      case "resource" -> a.entity();
      case "text" -> a.text();
      case "time-created" -> a.raisedAtMillis() * 1_000_000L;
      case "severity" -> new Ident(ALARM_TYPES, a.severity().name());
      // Our condition names are more precise than the OPENCONFIG_ALARM_TYPE_ID identities (AIS, EQPT,
      // LOS, OTS); the model allows a string where no identity fits.
      default -> a.condition();
    };
  }
}
