package dev.cpo.agent.snmp.ifmib;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.snmp.NotificationSender;
import dev.cpo.hal.EntityClass;
import java.util.List;
import java.util.function.Consumer;
import org.snmp4j.agent.mo.snmp.SysUpTime;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * Turns port state changes into ifLastChange updates and linkUp/linkDown notifications (RFC 2863
 * section 6: linkDown when ifOperStatus is about to enter down from any state but notPresent, linkUp
 * when it leaves down for any state but notPresent). Degraded ports stay up: no notification.
 */
final class LinkTraps implements Consumer<AgentEvent> {

  static final OID LINK_DOWN = new OID("1.3.6.1.6.3.1.1.5.3");
  static final OID LINK_UP = new OID("1.3.6.1.6.3.1.1.5.4");
  private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");
  private static final OID IF_ADMIN_STATUS = new OID("1.3.6.1.2.1.2.2.1.7");
  private static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");

  private final Ports ports;
  private final PortChangeTimes changes;
  private final SysUpTime sysUpTime;
  private volatile NotificationSender sender;

  LinkTraps(Ports ports, PortChangeTimes changes, SysUpTime sysUpTime) {
    this.ports = ports;
    this.changes = changes;
    this.sysUpTime = sysUpTime;
  }

  void sendTo(NotificationSender sender) {
    this.sender = sender;
  }

  @Override
  public void accept(AgentEvent event) {
    if (!(event instanceof AgentEvent.StateChanged change) || change.entityClass() != EntityClass.PORT) {
      return;
    }
    int ifIndex = ports.ifIndex(change.entity());
    if (ifIndex < 1) {
      return;
    }
    int before = Ports.operStatus(change.before());
    int after = Ports.operStatus(change.after());
    if (before == after) {
      return;
    }
    changes.set(ifIndex, sysUpTime.get().getValue());
    OID notification = null;
    if (after == Ports.DOWN && before != Ports.NOT_PRESENT) {
      notification = LINK_DOWN;
    } else if (before == Ports.DOWN && after != Ports.NOT_PRESENT) {
      notification = LINK_UP;
    }
    NotificationSender s = sender;
    if (notification != null && s != null) {
      s.send(notification, List.of(
          new VariableBinding(new OID(IF_INDEX).append(ifIndex), new Integer32(ifIndex)),
          new VariableBinding(new OID(IF_ADMIN_STATUS).append(ifIndex),
              new Integer32(Ports.adminStatus(change.after()))),
          new VariableBinding(new OID(IF_OPER_STATUS).append(ifIndex), new Integer32(after))));
    }
  }
}
