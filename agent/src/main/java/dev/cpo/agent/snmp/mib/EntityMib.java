package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.snmp.NotificationSender;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.agent.snmp.table.SnapshotTableModel;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.mo.MOTableRow;
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

  static final OID ENT_ALIAS_MAPPING_ENTRY = new OID("1.3.6.1.2.1.47.1.3.2.1");
  static final OID ENT_PHYSICAL_CONTAINS_ENTRY = new OID("1.3.6.1.2.1.47.1.3.3.1");
  static final OID ENT_LAST_CHANGE_TIME = new OID("1.3.6.1.2.1.47.1.4.1.0");
  /** entConfigChange NOTIFICATION-TYPE. */
  public static final OID ENT_CONFIG_CHANGE = new OID("1.3.6.1.2.1.47.2.0.1");
  /** RFC 6933: at most one entConfigChange per five seconds. */
  public static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(5);

  private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");

  private final AgentView view;
  private final PhysicalLayout layout;
  private final Duration throttle;
  private final ScheduledExecutorService scheduler;
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
    EntPhysicalTable physical = new EntPhysicalTable(view, layout);
    // entPhysicalContainsTable: (parent, child) pairs, sorted by parent then child.
    List<int[]> pairs = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      int parent = physical.containedIn(p);
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
    objects = new ModuleObjects(List.of(physical.table(), aliasTable(), containsTable(), lastChangeTime));
  }

  @SuppressWarnings("rawtypes")
  private DefaultMOTable<MOTableRow, MOColumn, SnapshotTableModel<RowView>> aliasTable() {
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
        // The ifIndex of a port is its port number.
        return new OID(IF_INDEX).append(layout.inventory().entities().get(aliasPorts[position]).port());
      }
    });
  }

  @SuppressWarnings("rawtypes")
  private DefaultMOTable<MOTableRow, MOColumn, SnapshotTableModel<RowView>> containsTable() {
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
