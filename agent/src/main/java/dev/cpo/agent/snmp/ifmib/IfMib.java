package dev.cpo.agent.snmp.ifmib;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.snmp.NotificationSender;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.agent.snmp.table.FixedRows;
import dev.cpo.agent.snmp.table.LiveTables;
import java.util.List;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.mo.snmp.SysUpTime;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;

/**
 * IF-MIB (RFC 2863) for the switch's ports, read from the agent's latest snapshot: ifNumber, ifTable,
 * ifXTable, ifTableLastChange; linkUp/linkDown from port state changes.
 */
public final class IfMib implements SnmpModule {

  /** IF-MIB::ifMIB, for sysORTable. */
  public static final OID IF_MIB = new OID("1.3.6.1.2.1.31");
  static final OID IF_NUMBER = new OID("1.3.6.1.2.1.2.1.0");
  static final OID IF_ENTRY = new OID("1.3.6.1.2.1.2.2.1");
  static final OID IF_X_ENTRY = new OID("1.3.6.1.2.1.31.1.1.1");
  static final OID IF_TABLE_LAST_CHANGE = new OID("1.3.6.1.2.1.31.1.5.0");

  private final AgentView view;
  private final PortChangeTimes changes;
  private final LinkTraps linkTraps;
  private final List<ManagedObject<?>> objects;
  private EventBus.Subscription subscription;

  /**
   * @param view the agent; its inventory fixes the rows (ports are never added or removed)
   * @param sysUpTime the agent's sysUpTime, for ifLastChange
   */
  public IfMib(AgentView view, SysUpTime sysUpTime) {
    this.view = view;
    Ports ports = new Ports(view.inventory());
    this.changes = new PortChangeTimes(ports.count());
    this.linkTraps = new LinkTraps(ports, changes, sysUpTime);
    int[] ifIndexes = new int[ports.count()];
    for (int i = 0; i < ifIndexes.length; i++) {
      ifIndexes[i] = i + 1;
    }
    this.objects = List.of(
        new MOScalar<>(IF_NUMBER, MOAccessImpl.ACCESS_READ_ONLY, new Integer32(ports.count())),
        LiveTables.readOnly(IF_ENTRY, LiveTables.integerIndex(), IfTableCells.columns(), view::latest,
            FixedRows.<AgentSnapshot>ofIntegers(ifIndexes, new IfTableCells(ports, changes))),
        LiveTables.readOnly(IF_X_ENTRY, LiveTables.integerIndex(), IfXTableCells.columns(), view::latest,
            FixedRows.<AgentSnapshot>ofIntegers(ifIndexes, new IfXTableCells(ports))),
        // No row is ever created or deleted after start (RFC 2863: zero since the last re-initialisation).
        new MOScalar<>(IF_TABLE_LAST_CHANGE, MOAccessImpl.ACCESS_READ_ONLY, new TimeTicks(0)));
  }

  @Override
  public void registerMOs(MOServer server, OctetString context) throws DuplicateRegistrationException {
    for (ManagedObject<?> mo : objects) {
      server.register(mo, context);
    }
  }

  @Override
  public void unregisterMOs(MOServer server, OctetString context) {
    for (ManagedObject<?> mo : objects) {
      server.unregister(mo, context);
    }
  }

  @Override
  public void start(NotificationSender sender) {
    linkTraps.sendTo(sender);
    subscription = view.events().subscribe("snmp-if-mib", linkTraps);
  }

  @Override
  public void stop() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }
}
