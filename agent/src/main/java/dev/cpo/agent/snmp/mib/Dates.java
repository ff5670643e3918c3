package dev.cpo.agent.snmp.mib;

import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.snmp4j.agent.mo.snmp.DateAndTime;
import org.snmp4j.smi.OctetString;

/** SNMPv2-TC DateAndTime values, in UTC. */
final class Dates {

  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private Dates() {}

  static OctetString ofEpochMillis(long millis) {
    GregorianCalendar c = new GregorianCalendar(UTC);
    c.setTimeInMillis(millis);
    return DateAndTime.makeDateAndTime(c);
  }
}
