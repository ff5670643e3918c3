package dev.cpo.agent.snmp.notify;

import dev.cpo.agent.snmp.NotificationSender;
import java.util.List;
import org.snmp4j.agent.NotificationOriginator;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/**
 * Routes the notifications SNMP4J-Agent raises itself (authenticationFailure when snmpEnableAuthenTraps
 * is enabled) to our targets, which are configured in TrapsConfig rather than in SNMP-TARGET-MIB.
 */
public final class SenderOriginator implements NotificationOriginator {

  private final NotificationSender sender;

  /** @param sender where the notifications go */
  public SenderOriginator(NotificationSender sender) {
    this.sender = sender;
  }

  @Override
  public Object notify(OctetString context, OID notificationId, VariableBinding[] vbs) {
    sender.send(notificationId, List.of(vbs));
    return null;
  }

  @Override
  public Object notify(OctetString context, OID notificationId, TimeTicks sysUpTime, VariableBinding[] vbs) {
    // The sender stamps its own sysUpTime.0, taken when it builds the PDU a moment later.
    return notify(context, notificationId, vbs);
  }
}
