package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Sensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * CPO-SWITCH-MIB cpoThresholdTable, shaped like CISCO-ENTITY-SENSOR-MIB's entSensorThresholdTable: one
 * row per configured level (1 low alarm .. 4 high alarm) of every sensor, indexed by the sensor's
 * entPhysicalIndex. Values are in the sensor's entPhySensorValue scale, so they compare directly.
 * cpoThresholdValue is writable (VACM lets only {@code ops} write); see {@link ThresholdValueColumn}.
 */
final class CpoThresholdTable {

  private static final Integer32 LESS_THAN = new Integer32(1);
  private static final Integer32 GREATER_THAN = new Integer32(3);

  private final AgentView view;
  private final PhysicalLayout layout;
  private final SensorScale[] scales;
  private final OctetString[] sensorNames;
  private final AtomicInteger generation = new AtomicInteger();
  private volatile Rows cache;

  CpoThresholdTable(AgentView view, PhysicalLayout layout) {
    this.view = view;
    this.layout = layout;
    List<Sensor> sensors = layout.inventory().sensors();
    scales = new SensorScale[sensors.size()];
    sensorNames = new OctetString[sensors.size()];
    for (Sensor s : sensors) {
      scales[s.index()] = SensorScale.of(s.kind());
      sensorNames[s.index()] = new OctetString(s.id());
    }
  }

  /** The configured levels as of one snapshot and threshold generation. */
  record Rows(AgentSnapshot snapshot, int generation, OID[] index, int[] sensor, ThresholdLevel[] level,
      double[] value) {}

  /**
   * The rows for the latest snapshot. Rebuilt at most once per poll cycle, and after a SET, so a
   * threshold change by any route (SNMP, config reload) shows by the next cycle.
   */
  Rows rows() {
    AgentSnapshot s = view.latest();
    int gen = generation.get();
    Rows c = cache;
    if (c != null && c.snapshot() == s && c.generation() == gen) {
      return c;
    }
    List<OID> index = new ArrayList<>();
    List<Integer> sensor = new ArrayList<>();
    List<ThresholdLevel> level = new ArrayList<>();
    List<Double> value = new ArrayList<>();
    for (Sensor x : layout.inventory().sensors()) {
      ThresholdSet set = view.thresholds().effective(x.id());
      for (ThresholdLevel l : ThresholdLevel.values()) {
        double v = set.get(l);
        if (!Double.isNaN(v)) {
          index.add(new OID(new int[] {layout.ofSensor(x.index()), l.number()}));
          sensor.add(x.index());
          level.add(l);
          value.add(v);
        }
      }
    }
    c = new Rows(s, gen, index.toArray(new OID[0]), sensor.stream().mapToInt(Integer::intValue).toArray(),
        level.toArray(new ThresholdLevel[0]), value.stream().mapToDouble(Double::doubleValue).toArray());
    cache = c;
    return c;
  }

  /** Called after a SET changed thresholds, so the next read rebuilds the rows. */
  void invalidate() {
    generation.incrementAndGet();
  }

  PhysicalLayout layout() {
    return layout;
  }

  SensorScale scale(int sensor) {
    return scales[sensor];
  }

  AgentView view() {
    return view;
  }

  @SuppressWarnings("rawtypes")
  ManagedObject<?> table() {
    int i = SMIConstants.SYNTAX_INTEGER;
    MOColumn[] ro = Tables.readOnly(2, i, i);
    MOColumn[] rest = Tables.readOnly(5, i, i, SMIConstants.SYNTAX_OCTET_STRING);
    MOColumn[] cols = {ro[0], ro[1], new ThresholdValueColumn(4, this), rest[0], rest[1], rest[2]};
    return Tables.table(CpoOids.THRESHOLD_ENTRY, Tables.integerIndex(2), cols, () -> new RowView() {
      private final Rows rows = rows();
      private final HalSnapshot hal = rows.snapshot().hal();

      @Override
      public int positions() {
        return rows.index().length;
      }

      @Override
      public OID index(int position) {
        return rows.index()[position];
      }

      @Override
      public Variable value(int p, int column) {
        ThresholdLevel level = rows.level()[p];
        int sensor = rows.sensor()[p];
        return switch (column) {
          case 0 -> new Integer32(ciscoSeverity(level.defaultSeverity()));
          case 1 -> level.high() ? GREATER_THAN : LESS_THAN;
          case 2 -> new Integer32(scales[sensor].toSensorValue(rows.value()[p]));
          case 3 -> Tables.truth(crossed(hal, sensor, level, rows.value()[p]));
          case 4 -> Tables.TRUE;
          default -> sensorNames[sensor];
        };
      }
    });
  }

  private static boolean crossed(HalSnapshot hal, int sensor, ThresholdLevel level, double threshold) {
    if (!hal.available(sensor)) {
      return false;
    }
    double v = hal.value(sensor);
    return level.high() ? v > threshold : v < threshold;
  }

  /** CISCO-ENTITY-SENSOR-MIB SensorThresholdSeverity: minor(10), major(20), critical(30). */
  static int ciscoSeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> 30;
      case MAJOR -> 20;
      case MINOR, WARNING -> 10;
    };
  }
}
