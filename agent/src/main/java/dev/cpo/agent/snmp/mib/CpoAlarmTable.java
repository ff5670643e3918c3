package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * CPO-SWITCH-MIB cpoAlarmTable and cpoAlarmActiveCount: the active alarms of the latest snapshot,
 * indexed by {@link Alarm#number()} (stable across restarts). Also builds the alarm notifications'
 * varbinds, which name the same column instances.
 */
final class CpoAlarmTable {

  private static final int COL_ID = 2;
  private static final int COL_CONDITION = 3;
  private static final int COL_SEVERITY = 4;
  private static final int COL_ENTITY = 5;
  private static final int COL_ENTITY_NAME = 6;
  private static final int COL_TEXT = 7;
  private static final int COL_VALUE = 9;
  private static final int COL_THRESHOLD = 10;
  private static final int COL_REPLACE = 12;
  private static final int COL_REPLACE_FRU = 13;

  private final AgentView view;
  private final PhysicalLayout layout;
  private volatile Rows cache;

  CpoAlarmTable(AgentView view, PhysicalLayout layout) {
    this.view = view;
    this.layout = layout;
  }

  /** The active alarms of one snapshot sorted by number, with each id's number. */
  private record Rows(AgentSnapshot snapshot, Alarm[] alarms, OID[] index, Map<String, Integer> numberById) {}

  private Rows rows() {
    AgentSnapshot s = view.latest();
    Rows c = cache;
    if (c != null && c.snapshot() == s) {
      return c;
    }
    List<Alarm> sorted = new ArrayList<>(s.activeAlarms());
    sorted.sort(Comparator.comparingInt(Alarm::number));
    List<Alarm> unique = new ArrayList<>();
    Map<String, Integer> numbers = new HashMap<>();
    for (Alarm a : sorted) {
      // Two ids with one CRC would share a row; the first keeps it (a 1 in 2^31 chance per pair).
      if (unique.isEmpty() || unique.get(unique.size() - 1).number() != a.number()) {
        unique.add(a);
      }
      numbers.put(a.id(), a.number());
    }
    OID[] index = unique.stream().map(a -> new OID(new int[] {a.number()})).toArray(OID[]::new);
    c = new Rows(s, unique.toArray(new Alarm[0]), index, numbers);
    cache = c;
    return c;
  }

  List<ManagedObject<?>> objects() {
    return List.of(count(), table());
  }

  private ManagedObject<?> count() {
    return new MOScalar<Gauge32>(CpoOids.ALARM_ACTIVE_COUNT, MOAccessImpl.ACCESS_READ_ONLY, new Gauge32()) {
      @Override
      public Gauge32 getValue() {
        return new Gauge32(rows().alarms().length);
      }
    };
  }

  @SuppressWarnings("rawtypes")
  private ManagedObject<?> table() {
    int s = SMIConstants.SYNTAX_OCTET_STRING;
    int i = SMIConstants.SYNTAX_INTEGER;
    MOColumn[] cols = Tables.readOnly(2, s, s, i, i, s, s, s, s, s, SMIConstants.SYNTAX_GAUGE32, s, i);
    return Tables.table(CpoOids.ALARM_ENTRY, Tables.integerIndex(1), cols, () -> new RowView() {
      private final Rows rows = rows();

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
        Alarm a = rows.alarms()[p];
        return switch (column + 2) {
          case 8 -> Dates.ofEpochMillis(a.raisedAtMillis());
          case 11 -> new UnsignedInteger32(
              a.rootCauseId() == null ? 0 : rows.numberById().getOrDefault(a.rootCauseId(), 0));
          default -> cell(a, column + 2);
        };
      }
    });
  }

  /** One cell of an alarm's row that notifications also carry. */
  private Variable cell(Alarm a, int column) {
    return switch (column) {
      case COL_ID -> new OctetString(a.id());
      case COL_CONDITION -> new OctetString(a.condition());
      case COL_SEVERITY -> new Integer32(severity(a.severity()));
      case COL_ENTITY -> new Integer32(layout.ofEntity(a.entity()));
      case COL_ENTITY_NAME -> new OctetString(a.entity());
      case COL_TEXT -> new OctetString(a.text());
      case COL_VALUE -> new OctetString(Readings.decimal(a.value()));
      case COL_THRESHOLD -> new OctetString(Readings.decimal(a.threshold()));
      case COL_REPLACE -> new OctetString(a.serviceability().replace());
      case COL_REPLACE_FRU -> Tables.truth(a.serviceability().fieldReplaceable());
      default -> throw new IllegalArgumentException("no alarm column " + column);
    };
  }

  /** CpoSeverity: critical(1) .. warning(4). */
  static int severity(Severity s) {
    return s.ordinal() + 1;
  }

  /** cpoAlarmRaised's OBJECTS, instanced by the alarm's number. */
  List<VariableBinding> raisedVarbinds(Alarm a) {
    return varbinds(a, COL_ENTITY, COL_SEVERITY, COL_VALUE, COL_THRESHOLD, COL_TEXT, COL_ID, COL_CONDITION,
        COL_ENTITY_NAME, COL_REPLACE, COL_REPLACE_FRU);
  }

  /** cpoAlarmCleared's OBJECTS. */
  List<VariableBinding> clearedVarbinds(Alarm a) {
    return varbinds(a, COL_ENTITY, COL_SEVERITY, COL_VALUE, COL_THRESHOLD, COL_TEXT, COL_ID, COL_CONDITION,
        COL_ENTITY_NAME);
  }

  private List<VariableBinding> varbinds(Alarm a, int... columns) {
    List<VariableBinding> out = new ArrayList<>(columns.length);
    for (int c : columns) {
      out.add(new VariableBinding(CpoOids.column(CpoOids.ALARM_ENTRY, c).append(a.number()), cell(a, c)));
    }
    return out;
  }
}
