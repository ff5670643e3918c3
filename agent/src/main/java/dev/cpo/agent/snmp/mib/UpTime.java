package dev.cpo.agent.snmp.mib;

import org.snmp4j.agent.mo.snmp.SNMPv2MIB;
import org.snmp4j.agent.mo.snmp.SysUpTime;
import org.snmp4j.smi.OctetString;

/**
 * The agent's sysUpTime, for TimeStamp objects. Reads the SNMPv2-MIB instance the agent registered for
 * the default context; before one exists (unit tests) it counts from when this class was loaded.
 */
final class UpTime {

  private static final long START_NANOS = System.nanoTime();

  private UpTime() {}

  /** sysUpTime now, in hundredths of a second. */
  static long centis() {
    SysUpTime agent = SNMPv2MIB.getSysUpTime(null);
    if (agent == null) {
      agent = SNMPv2MIB.getSysUpTime(new OctetString());
    }
    if (agent != null) {
      return agent.get().getValue();
    }
    return (System.nanoTime() - START_NANOS) / 10_000_000L;
  }

  /**
   * sysUpTime at an instant {@code ageMillis} ago, never below 0 (TimeStamp's value for "before the
   * agent started").
   */
  static long centisAgo(long ageMillis) {
    return Math.max(0, centis() - Math.max(0, ageMillis) / 10);
  }
}
