package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.snmp.NotificationSender;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ENTITY-MIB version 4 (RFC 6933): entPhysicalTable with every entity and every sensor, containment,
 * classes, FRU flags and serials; entPhysicalContainsTable; entAliasMappingTable (port -> ifIndex);
 * entLastChangeTime; entConfigChange when a laser module is inserted or removed, throttled as the RFC
 * says. Entities that are absent (a pulled laser module and what it holds) have no rows.
 */
public final class EntityMib implements SnmpModule {

  private static final Logger LOG = LoggerFactory.getLogger(EntityMib.class);

  static final OID ENT_PHYSICAL_ENTRY = new OID("1.3.6.1.2.1.47.1.1.1.1");
  static final OID ENT_ALIAS_MAPPING_ENTRY = new OID("1.3.6.1.2.1.47.1.3.2.1");
  static final OID ENT_PHYSICAL_CONTAINS_ENTRY = new OID("1.3.6.1.2.1.47.1.3.3.1");
  static final OID ENT_LAST_CHANGE_TIME = new OID("1.3.6.1.2.1.47.1.4.1.0");
  /** entConfigChange NOTIFICATION-TYPE. */
  public static final OID ENT_CONFIG_CHANGE = new OID("1.3.6.1.2.1.47.2.0.1");
  /** RFC 6933: at most one entConfigChange per five seconds. */
  public static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(5);

  private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");
  private static final OID ZERO_DOT_ZERO = new OID("0.0");
  private static final OctetString EMPTY = new OctetString();
  private static final OctetString UNKNOWN_DATE = new OctetString(new byte[8]);

  private final AgentView view;
  private final PhysicalLayout layout;
  private final Duration throttle;
  private final ScheduledExecutorService scheduler;
  private final OctetString[] descr;
  private final OctetString[] names;
  private final OctetString[] serials;
  private final OctetString[] models;
  private final OctetString[] uuids;
  private final Integer32[] containedIn;
  private final Integer32[] classes;
  private final Integer32[] relPos;
  private final Integer32[] fru;
  private final OID[] containsIndexes;
  private final int[][] containsPairs;
  private final OID[] aliasIndexes;
  private final int[] aliasPorts;
  private final ModuleObjects objects;
  private final boolean ownsScheduler;
  private final MOScalar<TimeTicks> lastChangeTime;
  private ConfigChangeThrottle configChanges;
  private EventBus.Subscription subscription;

  /**
   * @param scheduler runs the end of each entConfigChange throttling period
   * @param throttle minimum time between two entConfigChange notifications ({@link #DEFAULT_THROTTLE})
   */
  public EntityMib(AgentView view, ScheduledExecutorService scheduler, Duration throttle) {
    this(view, new PhysicalLayout(view.inventory()), scheduler, throttle, false);
  }

  /** @param ownsScheduler whether {@link #stop()} shuts the scheduler down */
  EntityMib(AgentView view, PhysicalLayout layout, ScheduledExecutorService scheduler, Duration throttle,
      boolean ownsScheduler) {
    this.view = view;
    this.ownsScheduler = ownsScheduler;
    this.layout = layout;
    this.scheduler = scheduler;
    this.throttle = throttle;
    Inventory inv = layout.inventory();
    int n = layout.size();
    descr = new OctetString[n];
    names = new OctetString[n];
    serials = new OctetString[n];
    models = new OctetString[n];
    uuids = new OctetString[n];
    containedIn = new Integer32[n];
    classes = new Integer32[n];
    relPos = new Integer32[n];
    fru = new Integer32[n];
    for (Entity e : inv.entities()) {
      int p = e.index();
      descr[p] = new OctetString(e.description());
      names[p] = new OctetString(e.name());
      serials[p] = new OctetString(e.serialNumber());
      models[p] = new OctetString(e.model());
      uuids[p] = uuidOf(inv, e);
      containedIn[p] = new Integer32(e.parent() == null ? 0 : layout.ofEntity(e.parent()));
      classes[p] = new Integer32(PhysicalClass.of(e.entityClass()));
      fru[p] = Tables.truth(e.fieldReplaceable());
    }
    for (Sensor s : inv.sensors()) {
      int p = layout.ofSensor(s.index()) - 1;
      Entity owner = inv.require(s.entity());
      descr[p] = new OctetString(s.kind().key().replace('_', ' ') + " sensor of " + owner.name());
      names[p] = new OctetString(s.id());
      serials[p] = EMPTY;
      models[p] = EMPTY;
      uuids[p] = EMPTY;
      containedIn[p] = new Integer32(owner.index() + 1);
      classes[p] = new Integer32(PhysicalClass.SENSOR);
      fru[p] = Tables.FALSE;
    }
    // RFC 6933 entPhysicalParentRelPos: siblings share entPhysicalContainedIn AND entPhysicalClass, so
    // an ASIC and a laser module (both module(9) in the chassis) are numbered in one sequence.
    Map<Long, Integer> lastPos = new HashMap<>();
    for (int p = 0; p < n; p++) {
      long key = ((long) containedIn[p].getValue() << 32) | classes[p].getValue();
      relPos[p] = new Integer32(lastPos.merge(key, 1, Integer::sum));
    }
    // entPhysicalContainsTable: (parent, child) pairs, sorted by parent then child.
    List<int[]> pairs = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      int parent = containedIn[p].getValue();
      if (parent > 0) {
        pairs.add(new int[] {parent, p + 1});
      }
    }
    pairs.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
    containsPairs = pairs.toArray(new int[0][]);
    containsIndexes = Arrays.stream(containsPairs).map(OID::new).toArray(OID[]::new);
    List<Entity> ports = inv.entitiesOf(EntityClass.PORT);
    aliasPorts = ports.stream().mapToInt(Entity::index).toArray();
    aliasIndexes = ports.stream().map(e -> new OID(new int[] {e.index() + 1, 0})).toArray(OID[]::new);
    lastChangeTime = new MOScalar<>(ENT_LAST_CHANGE_TIME, MOAccessImpl.ACCESS_READ_ONLY, new TimeTicks(0));
    objects = new ModuleObjects(List.of(physicalTable(), aliasTable(), containsTable(), lastChangeTime));
  }

  /** A name-based UUID from the serial number where there is one; zero-length (unknown) otherwise. */
  private static OctetString uuidOf(Inventory inv, Entity e) {
    if (e.serialNumber().isEmpty()) {
      return EMPTY;
    }
    UUID u = UUID.nameUUIDFromBytes((inv.model() + "/" + e.model() + "/" + e.serialNumber())
        .getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return new OctetString(b.array());
  }

  @SuppressWarnings("rawtypes")
  private DefaultMOTable<SnapshotRow, MOColumn, SnapshotTableModel> physicalTable() {
    int s = SMIConstants.SYNTAX_OCTET_STRING;
    int i = SMIConstants.SYNTAX_INTEGER;
    // entPhysicalDescr(2) .. entPhysicalUUID(19)
    MOColumn[] cols = Tables.readOnly(2, s, SMIConstants.SYNTAX_OBJECT_IDENTIFIER, i, i, i, s, s, s, s, s, s, s, s, s,
        i, s, s, s);
    return Tables.table(ENT_PHYSICAL_ENTRY, Tables.integerIndex(1), cols, () -> new RowView() {
      private final HalSnapshot hal = view.latest().hal();

      @Override
      public int positions() {
        return layout.size();
      }

      @Override
      public OID index(int position) {
        return layout.index(position);
      }

      @Override
      public boolean present(int position) {
        return layout.present(hal, position);
      }

      @Override
      public Variable value(int p, int column) {
        return switch (column) {
          case 0 -> descr[p];
          case 1 -> ZERO_DOT_ZERO;
          case 2 -> containedIn[p];
          case 3 -> classes[p];
          case 4 -> relPos[p];
          case 5 -> names[p];
          case 9 -> serials[p];
          case 11 -> models[p];
          case 14 -> fru[p];
          case 15 -> UNKNOWN_DATE;
          case 16 -> EMPTY;
          case 17 -> uuids[p];
          // hardware, firmware and software revisions, manufacturer, alias, asset id: not known
          default -> EMPTY;
        };
      }
    });
  }

  @SuppressWarnings("rawtypes")
  private DefaultMOTable<SnapshotRow, MOColumn, SnapshotTableModel> aliasTable() {
    MOColumn[] cols = Tables.readOnly(2, SMIConstants.SYNTAX_OBJECT_IDENTIFIER);
    return Tables.table(ENT_ALIAS_MAPPING_ENTRY, Tables.integerIndex(2), cols, () -> new RowView() {
      private final HalSnapshot hal = view.latest().hal();

      @Override
      public int positions() {
        return aliasIndexes.length;
      }

      @Override
      public OID index(int position) {
        return aliasIndexes[position];
      }

      @Override
      public boolean present(int position) {
        return layout.entityPresent(hal, aliasPorts[position]);
      }

      @Override
      public Variable value(int position, int column) {
        // ifIndex of portN is N, and ports are numbered by their position in the chassis.
        String name = layout.inventory().entities().get(aliasPorts[position]).name();
        return new OID(IF_INDEX).append(Integer.parseInt(name.substring("port".length())));
      }
    });
  }

  @SuppressWarnings("rawtypes")
  private DefaultMOTable<SnapshotRow, MOColumn, SnapshotTableModel> containsTable() {
    MOColumn[] cols = Tables.readOnly(1, SMIConstants.SYNTAX_INTEGER);
    return Tables.table(ENT_PHYSICAL_CONTAINS_ENTRY, Tables.integerIndex(2), cols, () -> new RowView() {
      private final HalSnapshot hal = view.latest().hal();

      @Override
      public int positions() {
        return containsIndexes.length;
      }

      @Override
      public OID index(int position) {
        return containsIndexes[position];
      }

      @Override
      public boolean present(int position) {
        return layout.present(hal, containsPairs[position][1] - 1);
      }

      @Override
      public Variable value(int position, int column) {
        return new Integer32(containsPairs[position][1]);
      }
    });
  }

  @Override
  public Map<OID, String> sysOREntries() {
    return Map.of(new OID("1.3.6.1.2.1.47"), "ENTITY-MIB version 4 (RFC 6933): physical entities, containment, aliases");
  }

  @Override
  public void registerMOs(MOServer server, OctetString context) throws DuplicateRegistrationException {
    objects.register(server, context);
  }

  @Override
  public void unregisterMOs(MOServer server, OctetString context) {
    objects.unregister(server, context);
  }

  @Override
  public synchronized void start(NotificationSender sender) {
    configChanges = new ConfigChangeThrottle(scheduler, throttle,
        () -> sender.send(ENT_CONFIG_CHANGE, List.of()));
    subscription = view.events().subscribe("snmp-entity-mib", this::onEvent);
  }

  @Override
  public synchronized void stop() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  /** entLastChangeTime: sysUpTime of the last change to the physical tables (0 if none since start). */
  public TimeTicks lastChangeTime() {
    return lastChangeTime.getValue();
  }

  private void onEvent(AgentEvent event) {
    if (event instanceof AgentEvent.EntityAdded || event instanceof AgentEvent.EntityRemoved) {
      lastChangeTime.setValue(new TimeTicks(UpTime.centis() & 0xffffffffL));
      LOG.debug("physical entity change ({}), entLastChangeTime updated", event);
      configChanges.changed();
    }
  }
}
