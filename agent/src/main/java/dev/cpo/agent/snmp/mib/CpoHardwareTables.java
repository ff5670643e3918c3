package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.forecast.LaserForecast;
import dev.cpo.hal.Entity;
import dev.cpo.hal.ElsFlag;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaserFlags;
import dev.cpo.hal.OperState;
import dev.cpo.hal.SensorKind;
import java.util.List;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/** CPO-SWITCH-MIB cpoLaserModuleTable, cpoLaserTable, cpoLaserFlagTable and cpoOpticalEngineTable. */
final class CpoHardwareTables {

  /** CpoSeconds: unknown or unbounded. */
  static final long UNKNOWN_SECONDS = 4294967295L;

  private static final int S = SMIConstants.SYNTAX_OCTET_STRING;
  private static final int I = SMIConstants.SYNTAX_INTEGER;
  private static final int U = SMIConstants.SYNTAX_GAUGE32;

  private final AgentView view;
  private final Inventory inv;

  CpoHardwareTables(AgentView view, PhysicalLayout layout) {
    this.view = view;
    this.inv = layout.inventory();
  }

  /** The serial number now: a module swapped since start has its own (the snapshot's), not the inventory's. */
  private static OctetString serial(HalSnapshot hal, Rows rows, int p) {
    String now = hal.serialNumber(rows.entity[p]);
    return now.equals(rows.serial[p].toString()) ? rows.serial[p] : new OctetString(now);
  }

  /** Entities of one class, their index OIDs and names, in entPhysicalIndex order. */
  private record Rows(int[] entity, OID[] index, OctetString[] name, OctetString[] serial, Integer32[] fru) {
    static Rows of(Inventory inv, EntityClass c) {
      List<Entity> es = inv.entitiesOf(c);
      int n = es.size();
      Rows r = new Rows(new int[n], new OID[n], new OctetString[n], new OctetString[n], new Integer32[n]);
      for (int i = 0; i < n; i++) {
        Entity e = es.get(i);
        r.entity[i] = e.index();
        r.index[i] = new OID(new int[] {e.index() + 1});
        r.name[i] = new OctetString(e.name());
        r.serial[i] = new OctetString(e.serialNumber());
        r.fru[i] = Tables.truth(e.fieldReplaceable());
      }
      return r;
    }
  }

  private abstract static class EntityView implements RowView {
    final Rows rows;
    final HalSnapshot hal;

    EntityView(Rows rows, HalSnapshot hal) {
      this.rows = rows;
      this.hal = hal;
    }

    @Override
    public int positions() {
      return rows.index.length;
    }

    @Override
    public OID index(int position) {
      return rows.index[position];
    }
  }

  List<ManagedObject<?>> objects() {
    return List.of(laserModules(), lasers(), engines(), laserFlags());
  }

  @SuppressWarnings("rawtypes")
  private ManagedObject<?> laserModules() {
    Rows rows = Rows.of(inv, EntityClass.LASER_MODULE);
    int[] temp = sensors(rows, SensorKind.TEMPERATURE);
    int[] volt = sensors(rows, SensorKind.VOLTAGE);
    int[] current = sensors(rows, SensorKind.SUPPLY_CURRENT);
    MOColumn[] cols = Tables.readOnly(1, S, I, I, S, I, I, I, S, I);
    return Tables.table(CpoOids.LASER_MODULE_ENTRY, Tables.integerIndex(1), cols,
        () -> new EntityView(rows, view.latest().hal()) {
          @Override
          public Variable value(int p, int column) {
            EntityStatus st = hal.entityStatus(rows.entity[p]);
            return switch (column) {
              case 0 -> rows.name[p];
              case 1 -> Tables.truth(st.state() != OperState.ABSENT);
              case 2 -> OperStates.of(st.state());
              case 3 -> serial(hal, rows, p);
              case 4 -> Readings.scaled(hal, temp[p], 10);
              case 5 -> Readings.scaled(hal, volt[p], 1000);
              case 6 -> rows.fru[p];
              case 7 -> new OctetString(st.faultCode());
              default -> Readings.scaled(hal, current[p], 1_000_000);
            };
          }
        });
  }

  @SuppressWarnings("rawtypes")
  private ManagedObject<?> lasers() {
    Rows rows = Rows.of(inv, EntityClass.LASER);
    int[] bias = sensors(rows, SensorKind.BIAS_CURRENT);
    int[] power = sensors(rows, SensorKind.TX_POWER);
    int[] temp = sensors(rows, SensorKind.TEMPERATURE);
    int[] tec = sensors(rows, SensorKind.TEC_CURRENT);
    int[] age = sensors(rows, SensorKind.LASER_AGE);
    int[] frequency = sensors(rows, SensorKind.FREQUENCY);
    Integer32[] module = new Integer32[rows.entity.length];
    String[] names = new String[rows.entity.length];
    for (int i = 0; i < module.length; i++) {
      Entity e = inv.entities().get(rows.entity[i]);
      names[i] = e.name();
      module[i] = new Integer32(e.parent() == null ? 0 : inv.require(e.parent()).index() + 1);
    }
    MOColumn[] cols = Tables.readOnly(1, S, I, I, I, I, I, I, I, S, I, I, U, U, U, I);
    return Tables.table(CpoOids.LASER_ENTRY, Tables.integerIndex(1), cols, () -> {
      AgentSnapshot snap = view.latest();
      return new EntityView(rows, snap.hal()) {
        @Override
        public Variable value(int p, int column) {
          EntityStatus st = hal.entityStatus(rows.entity[p]);
          LaserForecast f = column >= 9 && column <= 13 ? snap.forecasts().get(names[p]) : null;
          return switch (column) {
            case 0 -> rows.name[p];
            case 1 -> module[p];
            case 2 -> OperStates.of(st.state());
            case 3 -> Readings.scaled(hal, bias[p], 1000);
            case 4 -> Readings.scaled(hal, power[p], 100);
            case 5 -> Readings.scaled(hal, temp[p], 10);
            case 6 -> Readings.scaled(hal, tec[p], 100);
            case 7 -> Readings.scaled(hal, age[p], 100);
            case 8 -> new OctetString(st.faultCode());
            case 9 -> f == null ? null : new Integer32(clamp(f.biasSlopeMilliampsPerDay() * 1000));
            case 10 -> f == null ? null : new Integer32(clamp(f.endOfLifeBiasMilliamps() * 1000));
            case 11 -> f == null ? null : new UnsignedInteger32(seconds(f.secondsToEndOfLife(), 1));
            case 12 -> f == null ? null : new UnsignedInteger32(seconds(f.secondsToEndOfLife(), 86_400));
            case 13 -> new Gauge32(f == null ? 0 : f.samples());
            default -> Readings.scaled(hal, frequency[p], 1000);
          };
        }
      };
    });
  }

  @SuppressWarnings("rawtypes")
  private ManagedObject<?> engines() {
    Rows rows = Rows.of(inv, EntityClass.OPTICAL_ENGINE);
    int[] temp = sensors(rows, SensorKind.TEMPERATURE);
    MOColumn[] cols = Tables.readOnly(1, S, I, I, I, S);
    return Tables.table(CpoOids.OPTICAL_ENGINE_ENTRY, Tables.integerIndex(1), cols,
        () -> new EntityView(rows, view.latest().hal()) {
          @Override
          public Variable value(int p, int column) {
            return switch (column) {
              case 0 -> rows.name[p];
              case 1 -> OperStates.of(hal.entityStatus(rows.entity[p]).state());
              case 2 -> Readings.scaled(hal, temp[p], 10);
              case 3 -> rows.fru[p];
              default -> serial(hal, rows, p);
            };
          }
        });
  }

  /**
   * cpoLaserFlagTable: per laser (in entPhysicalIndex order) and flag, whether it is set, its change count
   * and its last set and clear times (HAL clock, as DateAndTime in UTC; not instantiated when never).
   */
  @SuppressWarnings("rawtypes")
  private ManagedObject<?> laserFlags() {
    Rows rows = Rows.of(inv, EntityClass.LASER);
    ElsFlag[] flags = ElsFlag.values();
    OctetString[] flagNames = new OctetString[flags.length];
    for (ElsFlag f : flags) {
      flagNames[f.ordinal()] = new OctetString(f.key());
    }
    OID[] index = new OID[rows.entity.length * flags.length];
    for (int p = 0; p < index.length; p++) {
      index[p] = new OID(new int[] {rows.entity[p / flags.length] + 1, flags[p % flags.length].number()});
    }
    MOColumn[] cols = Tables.readOnly(2, S, I, SMIConstants.SYNTAX_COUNTER32, S, S);
    return Tables.table(CpoOids.LASER_FLAG_ENTRY, Tables.integerIndex(2), cols, () -> new RowView() {
      private final LaserFlags lf = view.latest().hal().laserFlags();

      @Override
      public int positions() {
        return lf.lasers() == 0 ? 0 : index.length;
      }

      @Override
      public OID index(int position) {
        return index[position];
      }

      @Override
      public Variable value(int p, int column) {
        int laser = p / flags.length;
        ElsFlag f = flags[p % flags.length];
        return switch (column) {
          case 0 -> flagNames[f.ordinal()];
          case 1 -> Tables.truth(lf.active(laser, f));
          case 2 -> new Counter32(lf.changeCount(laser, f) & 0xFFFF_FFFFL);
          case 3 -> time(lf.lastSetMillis(laser, f));
          default -> time(lf.lastClearMillis(laser, f));
        };
      }
    });
  }

  private static OctetString time(long millis) {
    return millis == LaserFlags.NEVER ? null : Dates.ofEpochMillis(millis);
  }

  private int[] sensors(Rows rows, SensorKind kind) {
    int[] out = new int[rows.entity.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Readings.sensorOf(inv, inv.entities().get(rows.entity[i]).name(), kind);
    }
    return out;
  }

  private static int clamp(double v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.rint(v)));
  }

  /** CpoSeconds in units of {@code per} seconds; unknown and beyond-range both read 4294967295. */
  static long seconds(long seconds, long per) {
    if (seconds == Long.MAX_VALUE || seconds < 0) {
      return UNKNOWN_SECONDS;
    }
    return Math.min(UNKNOWN_SECONDS, seconds / per);
  }
}
