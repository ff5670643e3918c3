package dev.cpo.agent.snmp;

import java.util.List;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * Sends one SNMPv2 notification to every configured target (v2c traps, v3 informs with retries).
 * sysUpTime.0 and snmpTrapOID.0 are prepended by the sender. Never blocks the caller on the network.
 */
public interface NotificationSender {

  /**
   * @param notificationOid the NOTIFICATION-TYPE's OID, e.g. IF-MIB linkDown 1.3.6.1.6.3.1.1.5.3
   * @param varbinds the notification's OBJECTS, in order
   */
  void send(OID notificationOid, List<VariableBinding> varbinds);
}
