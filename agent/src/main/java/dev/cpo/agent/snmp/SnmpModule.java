package dev.cpo.agent.snmp;

import java.util.Map;
import org.snmp4j.agent.MOGroup;
import org.snmp4j.smi.OID;

/**
 * One MIB module the agent serves: its managed objects (registered into the agent's MOServer as an
 * {@link MOGroup}), and optionally the notifications it sends, from the agent's event stream.
 *
 * <p>Index conventions every module shares: ifIndex of {@code portN} is N; entPhysicalIndex of an
 * entity is {@code Entity.index() + 1}.
 */
public interface SnmpModule extends MOGroup {

  /**
   * sysORTable entries for this module: its MODULE-IDENTITY (or compliance) OID and a one-line
   * description (SNMPv2-MIB sysORID, sysORDescr). None by default.
   */
  default Map<OID, String> sysOREntries() {
    return Map.of();
  }

  /** Called once the agent is listening; subscribe to events and send notifications from here. */
  default void start(NotificationSender sender) {}

  /** Called before the agent stops. */
  default void stop() {}
}
