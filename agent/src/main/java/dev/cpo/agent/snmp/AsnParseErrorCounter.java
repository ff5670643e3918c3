package dev.cpo.agent.snmp;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.event.CounterListener;
import org.snmp4j.mp.SnmpConstants;

/**
 * SNMP4J's dispatcher counts a message whose BER header cannot be decoded (truncated, bad lengths)
 * as SNMP-MPD-MIB snmpInvalidMsgs. RFC 3418 counts any ASN.1/BER decoding error as
 * snmpInASNParseErrs, so this forwards the dispatcher's own snmpInvalidMsgs there as well.
 */
final class AsnParseErrorCounter implements CounterListener {

  private final MessageDispatcher dispatcher;
  private final CounterListener snmpv2Mib;

  AsnParseErrorCounter(MessageDispatcher dispatcher, CounterListener snmpv2Mib) {
    this.dispatcher = dispatcher;
    this.snmpv2Mib = snmpv2Mib;
  }

  @Override
  public void incrementCounter(CounterEvent event) {
    if (event.getSource() == dispatcher && SnmpConstants.snmpInvalidMsgs.equals(event.getOid())) {
      snmpv2Mib.incrementCounter(new CounterEvent(this, SnmpConstants.snmpInASNParseErrs));
    }
  }
}
