package dev.cpo.agent.gnmi;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.util.Map;
import java.util.Optional;

/**
 * Origin {@code cpo}: {@code /thresholds/threshold[sensor=els3/laser5:bias]/config/high-alarm} and its
 * {@code state} twin, one per sensor and level, in the sensor's unit. OpenConfig publishes transceiver
 * thresholds only as read-only state, so the writable levels live in this small tree of our own; Set
 * writes its {@code config} leaves through the agent's {@link ThresholdService}, as SNMP SET does.
 */
final class ThresholdTree implements DynamicTree {

  private static final Map<String, ThresholdLevel> LEVELS = Map.of(
      "low-alarm", ThresholdLevel.LOW_ALARM,
      "low-warning", ThresholdLevel.LOW_WARNING,
      "high-warning", ThresholdLevel.HIGH_WARNING,
      "high-alarm", ThresholdLevel.HIGH_ALARM);
  private static final String[] ORDER = {"low-alarm", "low-warning", "high-warning", "high-alarm"};
  private static final Elems[][] RELS = new Elems[2][ORDER.length];

  static {
    for (int i = 0; i < ORDER.length; i++) {
      RELS[0][i] = Elems.of(ORDER[i]);
      RELS[1][i] = Elems.of(ORDER[i]);
    }
  }

  private final Inventory inventory;
  private final ThresholdService thresholds;

  ThresholdTree(Inventory inventory, ThresholdService thresholds) {
    this.inventory = inventory;
    this.thresholds = thresholds;
  }

  static Elems prefix(String sensorId, String container) {
    return new Elems.Builder().add("thresholds").add("threshold", "sensor", sensorId).add(container).build();
  }

  /** The level a {@code .../config/<level>} leaf name stands for. */
  static Optional<ThresholdLevel> level(String leaf) {
    return Optional.ofNullable(LEVELS.get(leaf));
  }

  /** The sensor of that id ({@code els3/laser5:bias}), if there is one. */
  Optional<Sensor> sensor(String id) {
    int colon = id.lastIndexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String entity = id.substring(0, colon);
    String kind = id.substring(colon + 1);
    return inventory.sensorsOf(entity).stream().filter(s -> s.kind().key().equals(kind)).findFirst();
  }

  @Override
  public boolean covers(PathPattern p) {
    if (!p.origin().equals(PathPattern.CPO)) {
      return false;
    }
    for (String c : new String[] {"config", "state"}) {
      for (Elems rel : RELS[0]) {
        if (p.matches(prefix(null, c), rel)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void collect(PathPattern p, View v, Sink sink) {
    for (Sensor s : inventory.sensors()) {
      Elems config = prefix(s.id(), "config");
      Elems state = prefix(s.id(), "state");
      boolean c = p.matches(prefix(s.id(), "config"), Elems.ROOT) || matchesAny(p, config);
      boolean st = p.matches(prefix(s.id(), "state"), Elems.ROOT) || matchesAny(p, state);
      if (!c && !st) {
        continue;
      }
      ThresholdSet set = thresholds.effective(s.id());
      for (int i = 0; i < ORDER.length; i++) {
        double value = set.get(LEVELS.get(ORDER[i]));
        if (Double.isNaN(value)) {
          continue;
        }
        if (c && p.matches(config, RELS[0][i])) {
          sink.accept(config, RELS[0][i], value);
        }
        if (st && p.matches(state, RELS[1][i])) {
          sink.accept(state, RELS[1][i], value);
        }
      }
    }
  }

  private static boolean matchesAny(PathPattern p, Elems prefix) {
    for (Elems rel : RELS[0]) {
      if (p.matches(prefix, rel)) {
        return true;
      }
    }
    return false;
  }
}
