package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.threshold.ThresholdNotStoredException;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.Sensor;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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
 * cpoThresholdValue: a SET changes thresholds through {@link ThresholdService#setAll}, which saves the
 * change and applies it at the next evaluation. The check happens in SNMP's prepare phase, so a bad SET
 * changes nothing: a value the sensor's unit cannot take is wrongValue, a value that would break the
 * order low alarm <= low warning <= high warning <= high alarm is inconsistentValue. Every level of every
 * sensor set in one PDU is checked and applied together, so an operator can move a whole band. A change
 * that cannot be saved in the state directory is commitFailed, and nothing changes.
 */
final class ThresholdValueColumn extends MOMutableColumn<Integer32> {

  private static final Logger LOG = LoggerFactory.getLogger(ThresholdValueColumn.class);
  private static final MOAccess READ_WRITE = MOAccessImpl.ACCESS_READ_WRITE;

  /** Request key: what this PDU's threshold changes replaced (a map by sensor id), once applied. */
  private static final String APPLIED = "cpo-threshold-applied";
  private static final Object NOTHING_APPLIED = new Object();

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

  /**
   * The first threshold varbind of the PDU applies every threshold change of the PDU, for all its
   * sensors, in one saved change ({@link ThresholdService#setAll}); the others find it done. When the
   * change cannot be saved the answer is commitFailed (RFC 3416 section 4.2.5) and nothing has changed,
   * so there is nothing to undo.
   */
  @Override
  public void commit(SubRequest<?> sub, MOTableRow row, MOTableRow changeSet, int column) {
    Request<?, ?, ?> request = sub.getRequest();
    if (request.getProcessingUserObject(APPLIED) == null) {
      ThresholdService service = table.view().thresholds();
      Map<String, ThresholdSet> before = new LinkedHashMap<>();
      Map<String, ThresholdSet> after = new LinkedHashMap<>();
      request.setProcessingUserObject(APPLIED, NOTHING_APPLIED);
      try {
        for (int sensor : sensorsOf(request)) {
          String id = sensorId(sensor);
          before.put(id, service.effective(id));
          after.put(id, target(request, sensor));
        }
        service.setAll(after, by(request));
        request.setProcessingUserObject(APPLIED, before);
      } catch (ThresholdNotStoredException e) {
        // The store logged the file and the reason; SNMP can only say commitFailed.
        sub.getStatus().setErrorStatus(PDU.commitFailed);
        return;
      } catch (IllegalArgumentException e) {
        LOG.warn("threshold SET of {} failed at commit: {}", after.keySet(), e.getMessage());
        sub.getStatus().setErrorStatus(PDU.commitFailed);
        return;
      } finally {
        table.invalidate();
      }
    }
    sub.completed();
  }

  /** Undoes this PDU's threshold changes (once, whichever varbind comes first) when another varbind failed. */
  @Override
  public void undo(SubRequest<?> sub, MOTableRow row, int column) {
    Request<?, ?, ?> request = sub.getRequest();
    if (request.getProcessingUserObject(APPLIED) instanceof Map<?, ?> applied) {
      request.setProcessingUserObject(APPLIED, NOTHING_APPLIED);
      Map<String, ThresholdSet> before = new LinkedHashMap<>();
      applied.forEach((id, set) -> before.put((String) id, (ThresholdSet) set));
      try {
        table.view().thresholds().setAll(before, by(request) + " (undo)");
      } catch (RuntimeException e) {
        LOG.warn("threshold SET of {} could not be undone: {}", before.keySet(), e.getMessage());
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

  /** The sensors (by HAL sensor index) that this PDU's threshold varbinds change, in varbind order. */
  private Set<Integer> sensorsOf(Request<?, ?, ?> request) {
    Set<Integer> sensors = new LinkedHashSet<>();
    for (Iterator<? extends SubRequest<?>> it = request.iterator(); it.hasNext(); ) {
      SubRequest<?> other = it.next();
      OID oid = other.getVariableBinding().getOid();
      if (oid.size() == CpoOids.THRESHOLD_VALUE.size() + 2 && oid.startsWith(CpoOids.THRESHOLD_VALUE)
          && other.getVariableBinding().getVariable() instanceof Integer32 raw) {
        sensors.add(changeOf(new OID(oid.getValue(), CpoOids.THRESHOLD_VALUE.size(), 2), raw.getValue()).sensor());
      }
    }
    return sensors;
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
