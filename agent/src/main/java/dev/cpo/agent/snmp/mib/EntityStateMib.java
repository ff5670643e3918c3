package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.snmp.NotificationSender;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * ENTITY-STATE-MIB (RFC 4268) entStateTable: admin, oper, usage, alarm and standby state of every
 * physical entity that is present, with the time any of them last changed.
 */
public final class EntityStateMib implements SnmpModule {

  static final OID ENT_STATE_ENTRY = new OID("1.3.6.1.2.1.131.1.1.1");

  static final int ADMIN_LOCKED = 2;
  static final int ADMIN_UNLOCKED = 4;
  static final int OPER_DISABLED = 2;
  static final int OPER_ENABLED = 3;
  static final int USAGE_IDLE = 2;
  static final int USAGE_ACTIVE = 3;
  static final int STANDBY_UNKNOWN = 1;
  static final int STANDBY_PROVIDING_SERVICE = 4;

  private final AgentView view;
  private final PhysicalLayout layout;
  private final AtomicLongArray lastChangedMillis;
  private final ModuleObjects objects;
  private volatile AlarmBits alarmBits;
  private EventBus.Subscription subscription;

  /** The module over {@code view.latest()}; entStateLastChanged follows events once {@link #start}ed. */
  public EntityStateMib(AgentView view) {
    this(view, new PhysicalLayout(view.inventory()));
  }

  @SuppressWarnings("rawtypes")
  EntityStateMib(AgentView view, PhysicalLayout layout) {
    this.view = view;
    this.layout = layout;
    // RFC 4268: with no change since the system started, the time the system started.
    long start = view.latest().hal().timeMillis();
    lastChangedMillis = new AtomicLongArray(layout.entityCount());
    for (int i = 0; i < layout.entityCount(); i++) {
      lastChangedMillis.set(i, start);
    }
    int in = SMIConstants.SYNTAX_INTEGER;
    MOColumn[] cols = Tables.readOnly(1, SMIConstants.SYNTAX_OCTET_STRING, in, in, in,
        SMIConstants.SYNTAX_BITS, in);
    objects = new ModuleObjects(List.of(Tables.table(ENT_STATE_ENTRY, Tables.integerIndex(1), cols,
        () -> new StateRows(view.latest()))));
  }

  /** EntityAlarmStatus bits per entity for one snapshot, computed once per snapshot. */
  private record AlarmBits(AgentSnapshot snapshot, byte[] bits) {}

  private byte[] alarmBits(AgentSnapshot s) {
    AlarmBits cached = alarmBits;
    if (cached != null && cached.snapshot() == s) {
      return cached.bits();
    }
    byte[] bits = new byte[layout.entityCount()];
    for (Alarm a : s.activeAlarms()) {
      int idx = layout.ofEntity(a.entity()) - 1;
      if (idx >= 0) {
        // BITS: critical(2), major(3), minor(4), warning(5) within the first octet, most significant first
        int bit = switch (a.severity()) {
          case CRITICAL -> 2;
          case MAJOR -> 3;
          case MINOR -> 4;
          case WARNING -> 5;
        };
        bits[idx] |= (byte) (0x80 >>> bit);
      }
    }
    alarmBits = new AlarmBits(s, bits);
    return bits;
  }

  private final class StateRows implements RowView {
    private final AgentSnapshot snapshot;
    private final HalSnapshot hal;

    StateRows(AgentSnapshot snapshot) {
      this.snapshot = snapshot;
      this.hal = snapshot.hal();
    }

    @Override
    public int positions() {
      return layout.entityCount();
    }

    @Override
    public OID index(int position) {
      return layout.index(position);
    }

    @Override
    public boolean present(int position) {
      return layout.entityPresent(hal, position);
    }

    @Override
    public Variable value(int i, int column) {
      EntityStatus st = hal.entityStatus(i);
      boolean enabled = switch (st.state()) {
        case UP, DEGRADED, RAMPING -> true;
        default -> false;
      };
      return switch (column) {
        case 0 -> Dates.ofEpochMillis(lastChangedMillis.get(i));
        case 1 -> new Integer32(st.adminUp() ? ADMIN_UNLOCKED : ADMIN_LOCKED);
        case 2 -> new Integer32(enabled ? OPER_ENABLED : OPER_DISABLED);
        case 3 -> new Integer32(enabled ? USAGE_ACTIVE : USAGE_IDLE);
        case 4 -> new OctetString(new byte[] {alarmBits(snapshot)[i]});
        default -> new Integer32(enabled ? STANDBY_PROVIDING_SERVICE : STANDBY_UNKNOWN);
      };
    }
  }

  @Override
  public synchronized void start(NotificationSender sender) {
    subscription = view.events().subscribe("snmp-entity-state", this::onEvent);
  }

  @Override
  public synchronized void stop() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }

  private void onEvent(AgentEvent event) {
    String entity = null;
    if (event instanceof AgentEvent.StateChanged s) {
      entity = s.entity();
    } else if (event instanceof AgentEvent.EntityAdded a) {
      entity = a.entity();
    } else if (event instanceof AgentEvent.AlarmRaised r) {
      entity = r.alarm().entity();
    } else if (event instanceof AgentEvent.AlarmCleared c) {
      entity = c.alarm().entity();
    }
    int idx = layout.ofEntity(entity) - 1;
    if (idx >= 0) {
      lastChangedMillis.set(idx, event.timeMillis());
    }
  }

  @Override
  public Map<OID, String> sysOREntries() {
    return Map.of(new OID("1.3.6.1.2.1.131"), "ENTITY-STATE-MIB (RFC 4268): entity states");
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
