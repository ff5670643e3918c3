package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.hal.Entity;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.OperState;
import dev.cpo.hal.ReadingStatus;
import dev.cpo.hal.Sensor;
import java.util.List;
import java.util.Map;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * ENTITY-SENSOR-MIB (RFC 3433) entPhySensorTable: one row per entity of class sensor(8), all eight
 * columns. Each HAL sensor has its own entPhysicalTable row and an entPhySensorTable row at the same
 * index: temperatures in celsius, bias in amperes/milli, optical power in watts/milli converted from dBm
 * (as SONiC does), status from the reading's quality. The entities that are themselves sensors (the leak
 * sensors) get a row too, as RFC 3433 requires of every sensor(8) entity: a truthvalue(12) that is
 * true(1) while the sensor reports a leak.
 */
public final class EntitySensorMib implements SnmpModule {

  static final OID ENT_PHY_SENSOR_ENTRY = new OID("1.3.6.1.2.1.99.1.1.1");

  private static final int OK = 1;
  private static final int UNAVAILABLE = 2;
  private static final int NONOPERATIONAL = 3;
  /** EntitySensorDataType truthvalue(12): the value is true(1) or false(2). */
  static final int TRUTHVALUE = 12;
  private static final Integer32 FALSE = new Integer32(2);
  private static final Integer32 NO_VALUE = new Integer32(0);

  private final AgentView view;
  private final PhysicalLayout layout;
  private final SensorScale[] scales;
  private final Integer32[] types;
  private final Integer32[] scaleValues;
  private final Integer32[] precisions;
  private final OctetString[] units;
  private final Gauge32[] updateRates;
  private final OID[] indexes;
  /** 0-based entity index of each discrete sensor entity (class sensor(8)), in index order. */
  private final int[] discrete;
  private final ModuleObjects objects;

  /**
   * @param fastIntervalMs poll interval of fast sensors (lasers, engines, lanes)
   * @param slowIntervalMs poll interval of slow sensors (coolant, fans, power)
   */
  public EntitySensorMib(AgentView view, long fastIntervalMs, long slowIntervalMs) {
    this(view, new PhysicalLayout(view.inventory()), fastIntervalMs, slowIntervalMs);
  }

  @SuppressWarnings("rawtypes")
  EntitySensorMib(AgentView view, PhysicalLayout layout, long fastIntervalMs, long slowIntervalMs) {
    this.view = view;
    this.layout = layout;
    List<Sensor> sensors = layout.inventory().sensors();
    // entPhysicalIndex of an entity is below every sensor's, so the discrete rows come first.
    discrete = layout.inventory().entities().stream()
        .filter(e -> PhysicalClass.of(e.entityClass()) == PhysicalClass.SENSOR)
        .mapToInt(Entity::index).sorted().toArray();
    int d = discrete.length;
    int n = d + sensors.size();
    scales = new SensorScale[n];
    types = new Integer32[n];
    scaleValues = new Integer32[n];
    precisions = new Integer32[n];
    units = new OctetString[n];
    updateRates = new Gauge32[n];
    indexes = new OID[n];
    for (int k = 0; k < d; k++) {
      types[k] = new Integer32(TRUTHVALUE);
      scaleValues[k] = new Integer32(SensorScale.UNITS);
      precisions[k] = new Integer32(0);
      units[k] = new OctetString("leak detected");
      // Leak sensors are polled with the cooling, the slow class.
      updateRates[k] = new Gauge32(slowIntervalMs);
      indexes[k] = new OID(new int[] {PhysicalLayout.ofEntity(discrete[k])});
    }
    for (Sensor s : sensors) {
      int i = d + s.index();
      SensorScale sc = SensorScale.of(s.kind());
      scales[i] = sc;
      types[i] = new Integer32(sc.type());
      scaleValues[i] = new Integer32(sc.scale());
      precisions[i] = new Integer32(sc.precision());
      units[i] = new OctetString(sc.units());
      updateRates[i] = new Gauge32(s.slowClass() ? slowIntervalMs : fastIntervalMs);
      indexes[i] = new OID(new int[] {layout.ofSensor(s.index())});
    }
    int in = SMIConstants.SYNTAX_INTEGER;
    MOColumn[] cols = Tables.readOnly(1, in, in, in, in, in, SMIConstants.SYNTAX_OCTET_STRING,
        SMIConstants.SYNTAX_TIMETICKS, SMIConstants.SYNTAX_GAUGE32);
    objects = new ModuleObjects(List.of(Tables.table(ENT_PHY_SENSOR_ENTRY, Tables.integerIndex(1), cols,
        () -> new SensorRows(view.latest().hal()))));
  }

  private final class SensorRows implements RowView {
    private final HalSnapshot hal;

    SensorRows(HalSnapshot hal) {
      this.hal = hal;
    }

    @Override
    public int positions() {
      return indexes.length;
    }

    @Override
    public OID index(int position) {
      return indexes[position];
    }

    @Override
    public boolean present(int position) {
      return position < discrete.length
          ? layout.entityPresent(hal, discrete[position])
          : layout.present(hal, layout.entityCount() + position - discrete.length);
    }

    @Override
    public Variable value(int position, int column) {
      if (position < discrete.length) {
        return discreteValue(position, column);
      }
      int i = position - discrete.length;
      return switch (column) {
        case 0 -> types[position];
        case 1 -> scaleValues[position];
        case 2 -> precisions[position];
        // RFC 3433: the value is meaningless unless the status is ok(1); report 0 then.
        case 3 -> new Integer32(hal.available(i) ? scales[position].toSensorValue(hal.value(i)) : 0);
        case 4 -> new Integer32(status(hal.status(i)));
        case 5 -> units[position];
        // sysUpTime when the value was obtained: the reading's age relative to the snapshot, whose
        // own age is at most one poll interval.
        case 6 -> new TimeTicks(UpTime.centisAgo(hal.timeMillis() - hal.timestampMillis(i)) & 0xffffffffL);
        default -> updateRates[position];
      };
    }

    /** A leak sensor: its entity's state is its reading, taken with the snapshot. */
    private Variable discreteValue(int position, int column) {
      int status = discreteStatus(hal.entityStatus(discrete[position]).state());
      return switch (column) {
        case 0 -> types[position];
        case 1 -> scaleValues[position];
        case 2 -> precisions[position];
        // The HAL reports no leak as a reading yet: a working sensor reads false(2), no leak.
        case 3 -> status == OK ? FALSE : NO_VALUE;
        case 4 -> new Integer32(status);
        case 5 -> units[position];
        case 6 -> new TimeTicks(UpTime.centisAgo(0) & 0xffffffffL);
        default -> updateRates[position];
      };
    }
  }

  /** entPhySensorOperStatus of a discrete sensor from its entity's state. */
  static int discreteStatus(OperState state) {
    return switch (state) {
      case UP, DEGRADED, RAMPING -> OK;
      case ABSENT, DISABLED -> UNAVAILABLE;
      case DOWN, FAILED -> NONOPERATIONAL;
    };
  }

  private static int status(ReadingStatus s) {
    return switch (s) {
      case OK -> OK;
      case UNAVAILABLE -> UNAVAILABLE;
      case NONOPERATIONAL -> NONOPERATIONAL;
    };
  }

  @Override
  public Map<OID, String> sysOREntries() {
    return Map.of(new OID("1.3.6.1.2.1.99"), "ENTITY-SENSOR-MIB (RFC 3433): one row per sensor entity");
  }

  @Override
  public void registerMOs(MOServer server, OctetString context) throws DuplicateRegistrationException {
    objects.register(server, context);
  }

  @Override
  public void unregisterMOs(MOServer server, OctetString context) {
    objects.unregister(server, context);
  }
}
