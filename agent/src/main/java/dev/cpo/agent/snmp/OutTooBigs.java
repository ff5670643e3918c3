package dev.cpo.agent.snmp;

import java.util.concurrent.atomic.AtomicLong;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.OID;

/**
 * SNMPv2-MIB snmpOutTooBigs.0: responses sent as tooBig because they would not fit the message size
 * limit. RFC 3418 keeps it in the obsolete group, but net-snmp still serves it and it is the one place a
 * manager can see that its requests were too large, so the agent counts it. SNMP4J-Agent has no such
 * counter.
 */
final class OutTooBigs extends MOScalar<Counter32> {

  static final OID OID = new OID("1.3.6.1.2.1.11.20.0");

  private final AtomicLong count = new AtomicLong();

  OutTooBigs() {
    super(OID, MOAccessImpl.ACCESS_READ_ONLY, new Counter32(0));
  }

  void increment() {
    count.incrementAndGet();
  }

  @Override
  public Counter32 getValue() {
    return new Counter32(count.get() & 0xffffffffL);
  }
}
