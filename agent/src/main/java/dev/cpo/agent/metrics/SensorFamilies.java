package dev.cpo.agent.metrics;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.Unit;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The sensors as gauges, one family per entity class and sensor kind ({@code cpo_laser_bias_amperes}), and their
 * thresholds as gauges of the same labels plus {@code level} ({@code cpo_laser_bias_threshold_amperes}). Families,
 * labels and scale factors are worked out once per inventory (a threshold's labels once its level is first set); a
 * scrape only reads values.
 *
 * <p>A reading the HAL could not take this cycle is left out, so Prometheus sees no made-up value; its count is in
 * {@code cpo_agent_sensors_unavailable}. A dark receiver is not unavailable: optical power reads the CMIS floor,
 * {@value #FLOOR_DBM} dBm (0.1 uW, the smallest power a CMIS register represents), never {@code -Inf}.
 */
final class SensorFamilies {

  /** Where optical power bottoms out when a HAL reports no light as minus infinity or NaN. */
  static final double FLOOR_DBM = -40;

  private static final ThresholdLevel[] LEVELS = ThresholdLevel.values();

  /** One gauge family: the sensors it covers, their labels, the factor to its unit. */
  private record Family(MetricMetadata metadata, MetricMetadata thresholdMetadata, int[] sensors, Labels[] labels,
      Labels[][] thresholdLabels, double divisor, boolean opticalPower, GaugeDataPointSnapshot[] last) {}

  private final List<Family> families = new ArrayList<>();

  SensorFamilies(Inventory inventory, EntityLabels entityLabels) {
    Map<String, List<Sensor>> grouped = new LinkedHashMap<>();
    for (Sensor s : inventory.sensors()) {
      grouped.computeIfAbsent(MetricNames.sensor(s.entityClass(), s.kind()), k -> new ArrayList<>()).add(s);
    }
    for (Map.Entry<String, List<Sensor>> e : grouped.entrySet()) {
      List<Sensor> members = e.getValue();
      Sensor first = members.get(0);
      EntityClass c = first.entityClass();
      SensorKind kind = first.kind();
      String unit = MetricNames.unitSuffix(kind.unit());
      int[] sensors = new int[members.size()];
      Labels[] labels = new Labels[members.size()];
      Labels[][] thresholdLabels = new Labels[members.size()][LEVELS.length];
      for (int i = 0; i < sensors.length; i++) {
        Sensor s = members.get(i);
        sensors[i] = s.index();
        labels[i] = entityLabels.of(inventory.require(s.entity()).index());
      }
      families.add(new Family(
          new MetricMetadata(e.getKey(), help(c, kind), new io.prometheus.metrics.model.snapshots.Unit(unit)),
          new MetricMetadata(MetricNames.threshold(c, kind),
              "Threshold in force on " + help(c, kind).toLowerCase(java.util.Locale.ROOT) + ", by level",
              new io.prometheus.metrics.model.snapshots.Unit(unit)),
          sensors, labels, thresholdLabels, MetricNames.divisor(kind.unit()), kind.unit() == Unit.DBM,
          new GaugeDataPointSnapshot[sensors.length]));
    }
  }

  /** The family names, readings then thresholds. */
  List<String> names() {
    List<String> out = new ArrayList<>();
    for (Family f : families) {
      out.add(f.metadata.getPrometheusName());
      out.add(f.thresholdMetadata.getPrometheusName());
    }
    return out;
  }

  /** How many readings of {@code snap} are left out as unavailable. */
  static int unavailable(HalSnapshot snap) {
    int n = 0;
    for (int i = 0, count = snap.sensorCount(); i < count; i++) {
      if (!snap.available(i)) {
        n++;
      }
    }
    return n;
  }

  /** The readings of {@code snap}, one gauge family per class and kind. */
  void readings(HalSnapshot snap, List<MetricSnapshot> out) {
    for (Family f : families) {
      List<GaugeDataPointSnapshot> points = new ArrayList<>(f.sensors.length);
      for (int i = 0; i < f.sensors.length; i++) {
        int s = f.sensors[i];
        if (!snap.available(s)) {
          continue;
        }
        double v = snap.value(s);
        if (f.opticalPower && !(v >= FLOOR_DBM)) {
          v = FLOOR_DBM;
        } else if (!Double.isFinite(v)) {
          continue;
        }
        points.add(point(f, i, v / f.divisor));
      }
      out.add(new GaugeSnapshot(f.metadata, points));
    }
  }

  /**
   * The last scrape's point where the value has not changed since (a steady reading allocates nothing), else a new
   * one. Points are immutable, so two scrapes racing here at worst both allocate.
   */
  private static GaugeDataPointSnapshot point(Family f, int i, double v) {
    GaugeDataPointSnapshot p = f.last[i];
    if (p == null || Double.doubleToRawLongBits(p.getValue()) != Double.doubleToRawLongBits(v)) {
      p = new GaugeDataPointSnapshot(v, f.labels[i], null);
      f.last[i] = p;
    }
    return p;
  }

  /**
   * The thresholds in force, {@code levels.apply(sensorIndex)} per sensor; a level that is not set gives no
   * sample.
   */
  List<MetricSnapshot> thresholds(IntFunction<ThresholdSet> levels) {
    List<MetricSnapshot> out = new ArrayList<>(families.size());
    for (Family f : families) {
      List<GaugeDataPointSnapshot> points = new ArrayList<>();
      for (int i = 0; i < f.sensors.length; i++) {
        ThresholdSet set = levels.apply(f.sensors[i]);
        for (ThresholdLevel l : LEVELS) {
          double v = set.get(l);
          if (!Double.isNaN(v)) {
            points.add(new GaugeDataPointSnapshot(v / f.divisor, thresholdLabels(f, i, l), null));
          }
        }
      }
      if (!points.isEmpty()) {
        out.add(new GaugeSnapshot(f.thresholdMetadata, points));
      }
    }
    return out;
  }

  /**
   * A sensor's labels plus {@code level}, made the first time that level is set on it: on the default switch
   * 5,176 of the 11,236 (sensor, level) pairs never are. Labels are immutable, so two scrapes racing here at
   * worst both make them.
   */
  private static Labels thresholdLabels(Family f, int i, ThresholdLevel l) {
    Labels made = f.thresholdLabels[i][l.ordinal()];
    if (made == null) {
      made = f.labels[i].add("level", l.key());
      f.thresholdLabels[i][l.ordinal()] = made;
    }
    return made;
  }

  private static String help(EntityClass c, SensorKind kind) {
    String what = switch (c) {
      case CHASSIS -> "Chassis";
      case ASIC -> "ASIC";
      case OPTICAL_ENGINE -> "Optical engine";
      case LASER_MODULE -> "External laser source module";
      case LASER -> "Laser";
      case PORT -> "Port";
      case LANE -> "Lane";
      case COOLING_LOOP -> "Coolant loop";
      case FAN -> "Fan";
      case POWER_INPUT -> "Power input";
      default -> c.key();
    };
    String quantity = switch (kind) {
      case TEMPERATURE -> "temperature";
      case BIAS_CURRENT -> "bias current";
      case TX_POWER -> c == EntityClass.LASER ? "optical output power" : "transmit optical power";
      case RX_POWER -> "receive optical power (" + FLOOR_DBM + " dBm when dark)";
      case TEC_CURRENT -> "TEC drive as a fraction of its maximum";
      case PRE_FEC_BER -> "pre-FEC bit error ratio";
      case VOLTAGE -> "supply voltage";
      case POWER -> "power draw";
      case FAN_SPEED -> "speed";
      case COOLANT_FLOW -> "flow";
      case COOLANT_INLET_TEMPERATURE -> "inlet temperature";
      case COOLANT_OUTLET_TEMPERATURE -> "outlet temperature";
      case LASER_AGE -> "age as a fraction of rated life (CMIS)";
      case SUPPLY_CURRENT -> "supply current (OIF ELSFP VCC current monitor)";
      case FREQUENCY -> "optical frequency (OIF ELSFP lane frequency)";
      default -> kind.key();
    };
    return what + " " + quantity;
  }
}
