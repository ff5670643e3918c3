package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.Sensor;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.PDU;
import org.snmp4j.agent.MOAccess;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOMutableColumn;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.request.Request;
import org.snmp4j.agent.request.SnmpRequest;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * cpoThresholdValue: a SET changes the threshold through {@link ThresholdService#set}, which applies it
 * at the next evaluation and persists it. The check happens in SNMP's prepare phase, so a bad SET
 * changes nothing: a value the sensor's unit cannot take is wrongValue, a value that would break the
 * order low alarm <= low warning <= high warning <= high alarm is inconsistentValue. Several levels of
 * one sensor set in one PDU are checked and applied together, so an operator can move a whole band.
 */
final class ThresholdValueColumn extends MOMutableColumn<Integer32> {

  private static final Logger LOG = LoggerFactory.getLogger(ThresholdValueColumn.class);
  private static final MOAccess READ_WRITE = MOAccessImpl.ACCESS_READ_WRITE;

  private final CpoThresholdTable table;

  ThresholdValueColumn(int columnId, CpoThresholdTable table) {
    super(columnId, SMIConstants.SYNTAX_INTEGER, READ_WRITE);
    this.table = table;
  }

  /** One pending change: which sensor and level, and the value in the sensor's unit. */
  private record Change(int sensor, ThresholdLevel level, double value) {}

  @Override
  public void prepare(SubRequest<?> sub, MOTableRow row, MOTableRow changeSet, int column) {
    Variable v = sub.getVariableBinding().getVariable();
    if (!(v instanceof Integer32)) {
      sub.getStatus().setErrorStatus(PDU.wrongType);
      return;
    }
    Change change;
    try {
      change = changeOf(row.getIndex(), v.toInt());
    } catch (IllegalArgumentException e) {
      LOG.info("threshold SET of {} refused: {}", sub.getVariableBinding(), e.getMessage());
      sub.getStatus().setErrorStatus(PDU.wrongValue);
      return;
    }
    try {
      target(sub.getRequest(), change.sensor());
    } catch (IllegalArgumentException e) {
      LOG.info("threshold SET of {} refused: {}", sub.getVariableBinding(), e.getMessage());
      sub.getStatus().setErrorStatus(PDU.inconsistentValue);
      return;
    }
    sub.completed();
  }

  @Override
  public void commit(SubRequest<?> sub, MOTableRow row, MOTableRow changeSet, int column) {
    Change change = changeOf(row.getIndex(), sub.getVariableBinding().getVariable().toInt());
    String sensorId = sensorId(change.sensor());
    Request<?, ?, ?> request = sub.getRequest();
    String key = "cpo-threshold:" + sensorId;
    // The first varbind of a sensor applies all of that sensor's levels in this PDU; the rest find it done.
    if (request.getProcessingUserObject(key) == null) {
      ThresholdService service = table.view().thresholds();
      ThresholdSet before = service.effective(sensorId);
      request.setProcessingUserObject(key, before);
      sub.setUndoValue(before);
      try {
        apply(service, sensorId, before, target(request, change.sensor()), by(request));
      } catch (IllegalArgumentException e) {
        LOG.warn("threshold SET of {} failed at commit: {}", sensorId, e.getMessage());
        sub.getStatus().setErrorStatus(PDU.commitFailed);
        return;
      } finally {
        table.invalidate();
      }
    }
    sub.completed();
  }

  @Override
  public void undo(SubRequest<?> sub, MOTableRow row, int column) {
    if (sub.getUndoValue() instanceof ThresholdSet before) {
      Change change = changeOf(row.getIndex(), sub.getVariableBinding().getVariable().toInt());
      String sensorId = sensorId(change.sensor());
      ThresholdService service = table.view().thresholds();
      try {
        apply(service, sensorId, service.effective(sensorId), before, by(sub.getRequest()) + " (undo)");
      } catch (IllegalArgumentException e) {
        sub.getStatus().setErrorStatus(PDU.undoFailed);
        return;
      } finally {
        table.invalidate();
      }
    }
    sub.completed();
  }

  @Override
  public void cleanup(SubRequest<?> sub, MOTableRow row, int column) {
    sub.completed();
  }

  /** Decodes a row index and a raw value; IllegalArgumentException when the unit cannot take it. */
  private Change changeOf(OID index, int raw) {
    int sensor = index.get(0) - table.layout().entityCount() - 1;
    ThresholdLevel level = ThresholdLevel.ofNumber(index.get(1));
    if (raw <= SensorScale.UNDERFLOW || raw >= SensorScale.OVERFLOW) {
      throw new IllegalArgumentException("value " + raw + " is the overflow/underflow marker");
    }
    return new Change(sensor, level, table.scale(sensor).fromSensorValue(raw));
  }

  /**
   * The sensor's thresholds once every varbind of this PDU for it is applied.
   *
   * @throws IllegalArgumentException when the result is out of order
   */
  private ThresholdSet target(Request<?, ?, ?> request, int sensor) {
    ThresholdSet set = table.view().thresholds().effective(sensorId(sensor));
    Map<ThresholdLevel, Double> levels = new EnumMap<>(ThresholdLevel.class);
    for (Iterator<? extends SubRequest<?>> it = request.iterator(); it.hasNext(); ) {
      SubRequest<?> other = it.next();
      OID oid = other.getVariableBinding().getOid();
      if (oid.size() == CpoOids.THRESHOLD_VALUE.size() + 2 && oid.startsWith(CpoOids.THRESHOLD_VALUE)
          && other.getVariableBinding().getVariable() instanceof Integer32 raw) {
        OID index = new OID(oid.getValue(), CpoOids.THRESHOLD_VALUE.size(), 2);
        Change c = changeOf(index, raw.getValue());
        if (c.sensor() == sensor) {
          levels.put(c.level(), c.value());
        }
      }
    }
    double[] v = {set.lowAlarm(), set.lowWarning(), set.highWarning(), set.highAlarm()};
    levels.forEach((level, value) -> v[level.number() - 1] = value);
    // Validates the order of the complete result, whatever the order of the varbinds.
    return new ThresholdSet(v[0], v[1], v[2], v[3]);
  }

  /**
   * Moves a sensor from one valid set to another, one level at a time through the service (which
   * validates each step), choosing an order in which every intermediate set is valid too.
   */
  static void apply(ThresholdService service, String sensorId, ThresholdSet from, ThresholdSet to, String by) {
    ThresholdSet current = from;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (ThresholdLevel l : ThresholdLevel.values()) {
        double want = to.get(l);
        if (Double.isNaN(want) || Double.compare(want, current.get(l)) == 0) {
          continue;
        }
        try {
          current.with(l, want);
        } catch (IllegalArgumentException notYet) {
          continue; // another level has to move first
        }
        current = service.set(sensorId, l, want, by);
        progress = true;
      }
    }
    for (ThresholdLevel l : ThresholdLevel.values()) {
      if (!Double.isNaN(to.get(l)) && Double.compare(to.get(l), current.get(l)) != 0) {
        throw new IllegalArgumentException("could not reach " + to + " from " + from + " for " + sensorId);
      }
    }
  }

  private String sensorId(int sensor) {
    Sensor s = table.layout().inventory().sensors().get(sensor);
    return s.id();
  }

  private static String by(Request<?, ?, ?> request) {
    if (request instanceof SnmpRequest snmp && snmp.getSecurityName() != null) {
      return "snmp:" + snmp.getSecurityName();
    }
    return "snmp";
  }
}
