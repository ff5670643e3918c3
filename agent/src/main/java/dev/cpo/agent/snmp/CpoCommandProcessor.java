package dev.cpo.agent.snmp;

import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.asn1.BER;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StateReference;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNMP4J-Agent's command processor with responses that always fit a datagram (RFC 3416 section 4.2).
 *
 * <p>The largest response PDU is bounded by the agent's message size limit less the v2c message
 * around it (SNMP4J reserves a fixed 23 bytes, too few for a long community) and, for SNMPv3, by the
 * lesser of that limit and the request's msgMaxSize ({@link CpoUsm}). A GETBULK response that does
 * not fit is trimmed from the end (section 4.2.3); any other is answered tooBig with no variable
 * bindings and counted in snmpOutTooBigs (4.2.1); one that cannot be sent even so is counted in
 * snmpSilentDrops and logged, as is a datagram the network refuses.
 */
final class CpoCommandProcessor extends CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CpoCommandProcessor.class);

  /** v2c message around the PDU, without the community's bytes: outer SEQUENCE (4), version (3), its tag (1). */
  private static final int V2C_OVERHEAD = 4 + 3 + 1;

  private final int maxMessageSize;
  private final OutTooBigs outTooBigs;

  /**
   * @param engineId the agent's context engine id
   * @param maxMessageSize the largest message the agent sends or takes (a UDP datagram's payload)
   * @param outTooBigs snmpOutTooBigs
   */
  CpoCommandProcessor(org.snmp4j.smi.OctetString engineId, int maxMessageSize, OutTooBigs outTooBigs) {
    super(engineId);
    this.maxMessageSize = maxMessageSize;
    this.outTooBigs = outTooBigs;
  }

  @Override
  public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
    if (event.getPDU() != null && !(event.getPDU() instanceof ScopedPDU)) {
      // Community-based: the security name is the community, sent back in the response.
      int community = event.getSecurityName().length;
      int limit = maxMessageSize - V2C_OVERHEAD - BER.getBERLengthOfLength(community) - community;
      event.setMaxSizeResponsePDU(Math.min(event.getMaxSizeResponsePDU(), limit));
    }
    super.processPdu(event);
  }

  @Override
  protected <A extends Address> void sendResponse(CommandResponderEvent<A> requestEvent, PDU response) {
    // Filled: while it is trimmed, sized and encoded its length counts every value as it is now. SNMP4J-Agent
    // releases the request after this, measuring the response before each sub-request it visits (about 2,500
    // bindings for a 50-binding response): that pass reuses the lengths measured here.
    exact(response, true);
    try {
      send(requestEvent, response);
    } finally {
      exact(response, false);
    }
  }

  private static void exact(PDU response, boolean on) {
    if (response instanceof MeasuredPdu m) {
      m.measureExactly(on);
    } else if (response instanceof MeasuredScopedPdu m) {
      m.measureExactly(on);
    }
  }

  private <A extends Address> void send(CommandResponderEvent<A> requestEvent, PDU response) {
    int max = requestEvent.getMaxSizeResponsePDU();
    if (response.getBERLength() > max && response.getType() != PDU.REPORT) {
      if (requestEvent.getPDU().getType() == PDU.GETBULK) {
        int asked = response.size();
        while (response.size() > 0 && response.getBERLength() > max) {
          response.trim();
        }
        LOG.debug("GETBULK response trimmed from {} to {} variable bindings to fit {} bytes", asked, response.size(),
            max);
      } else {
        response.clear();
        response.setRequestID(requestEvent.getPDU().getRequestID());
        response.setErrorStatus(PDU.tooBig);
        response.setErrorIndex(0);
        outTooBigs.increment();
      }
    }
    if (response.getBERLength() > max) {
      drop(requestEvent, "even without variable bindings the response exceeds " + max + " bytes");
      return;
    }
    StateReference<A> stateRef = requestEvent.getStateReference();
    if (stateRef == null) {
      drop(requestEvent, "the request left no state to answer it with");
      return;
    }
    stateRef.setTransportMapping(requestEvent.getTransportMapping());
    MessageDispatcher dispatcher = requestEvent.getMessageDispatcher();
    try {
      int status = dispatcher.returnResponsePdu(requestEvent.getMessageProcessingModel(),
          requestEvent.getSecurityModel(), requestEvent.getSecurityName(), requestEvent.getSecurityLevel(), response,
          max, stateRef, new StatusInformation());
      if (status != SnmpConstants.SNMP_MP_OK) {
        drop(requestEvent, "the message could not be prepared (" + SnmpConstants.mpErrorMessage(status) + ")");
      }
    } catch (MessageException e) {
      drop(requestEvent, e.getMessage());
    }
  }

  private void drop(CommandResponderEvent<?> requestEvent, String why) {
    fireIncrementCounter(new CounterEvent(this, SnmpConstants.snmpSilentDrops));
    LOG.warn("SNMP response to {} not sent (counted in snmpSilentDrops): {}", requestEvent.getPeerAddress(), why);
  }
}
