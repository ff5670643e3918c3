package dev.cpo.agent.snmp;

import dev.cpo.agent.snmp.table.LiveMOTable;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.request.SnmpRequest;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.agent.security.VACM;
import org.snmp4j.asn1.BER;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StateReference;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
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
 *
 * <p>GETNEXT and GETBULK take a shorter way through the agent's read-only live tables
 * ({@link #processNextSubRequest}).
 */
final class CpoCommandProcessor extends CommandProcessor {

  /** Live tables that answered in the request this thread is processing, most recent first. */
  private static final ThreadLocal<Answered> ANSWERED = ThreadLocal.withInitial(Answered::new);

  private static final Logger LOG = LoggerFactory.getLogger(CpoCommandProcessor.class);

  /** v2c message around the PDU, without the community's bytes: outer SEQUENCE (4), version (3), its tag (1). */
  private static final int V2C_OVERHEAD = 4 + 3 + 1;

  private final int maxMessageSize;
  private final OutTooBigs outTooBigs;
  private final boolean liveTablesDirect;

  /**
   * @param engineId the agent's context engine id
   * @param maxMessageSize the largest message the agent sends or takes (a UDP datagram's payload)
   * @param outTooBigs snmpOutTooBigs
   */
  CpoCommandProcessor(OctetString engineId, int maxMessageSize, OutTooBigs outTooBigs) {
    this(engineId, maxMessageSize, outTooBigs, true);
  }

  /**
   * @param liveTablesDirect whether GETNEXT and GETBULK go straight to a live table that already answered
   *     in the request ({@link #processNextSubRequest}); false only to compare with SNMP4J-Agent's own way
   */
  CpoCommandProcessor(OctetString engineId, int maxMessageSize, OutTooBigs outTooBigs, boolean liveTablesDirect) {
    super(engineId);
    this.maxMessageSize = maxMessageSize;
    this.outTooBigs = outTooBigs;
    this.liveTablesDirect = liveTablesDirect;
  }

  /**
   * One binding of a GETNEXT or GETBULK (each repetition of a GETBULK is one). SNMP4J-Agent's way looks
   * the next object up in the server's registry and asks it, through VACM, whether it has a cell at all
   * to give (the table's whole next-cell search), then asks the object for that cell (the same search
   * again). When the binding's name lies inside a read-only live table that already answered in this
   * request (the walk's previous repetition, or another column of the same table), that table is the
   * one the registry lookup would begin at (registered scopes do not overlap), so it is asked directly,
   * with the same VACM filter SNMP4J-Agent gives it. Only when it has no cell left for this binding does
   * the binding go SNMP4J-Agent's way, which moves on to the objects after it.
   *
   * <p>What that skips besides the search: the registry lookup's lock on the table (a table with a writable
   * column never answers directly: {@link LiveMOTable#takeLastAnswering}) and its lookup event (this agent
   * registers no lookup listener). SNMPv1 (not answered by this agent) always goes SNMP4J-Agent's way, for
   * its Counter64 rule. {@code GetBulkEquivalenceTest} compares whole walks and cut GETBULKs with
   * SNMP4J-Agent's way.
   */
  @Override
  protected void processNextSubRequest(SnmpRequest request, MOServer server, OctetString context,
      SubRequest<?> subRequest) {
    if (!liveTablesDirect || request.getMessageProcessingModel() == MessageProcessingModel.MPv1) {
      super.processNextSubRequest(request, server, context, subRequest);
      return;
    }
    Answered answered = ANSWERED.get();
    if (!subRequest.getStatus().isProcessed()) {
      LiveMOTable<?, ?> table = answered.holding(request, subRequest.getScope().getLowerBound());
      if (table != null) {
        OctetString view = request.getViewName();
        boolean done = table.next(subRequest, oid -> vacm.isAccessAllowed(view, oid) == VACM.VACM_OK);
        LiveMOTable.takeLastAnswering();
        if (done) {
          return;
        }
      }
    }
    LiveMOTable.takeLastAnswering();
    super.processNextSubRequest(request, server, context, subRequest);
    LiveMOTable<?, ?> table = LiveMOTable.takeLastAnswering();
    if (table != null) {
      answered.add(request, table);
    }
  }

  @Override
  protected void release(MOServer server, SnmpRequest request) {
    super.release(server, request);
    ANSWERED.get().forget(request);
  }

  /**
   * The live tables that answered in one request, at most {@value #SIZE}, most recent first: a GETBULK
   * of several columns (ifInOctets, ifOutOctets, ifHCInOctets) is answered by one to three tables.
   */
  private static final class Answered {

    private static final int SIZE = 4;

    private SnmpRequest request;
    private final LiveMOTable<?, ?>[] tables = new LiveMOTable<?, ?>[SIZE];

    LiveMOTable<?, ?> holding(SnmpRequest r, OID oid) {
      if (r != request || oid == null) {
        return null;
      }
      for (LiveMOTable<?, ?> t : tables) {
        if (t == null) {
          return null;
        }
        if (t.holds(oid)) {
          return t;
        }
      }
      return null;
    }

    void add(SnmpRequest r, LiveMOTable<?, ?> table) {
      if (r != request) {
        forget(request);
        request = r;
      }
      int at = SIZE - 1;
      for (int i = 0; i < SIZE; i++) {
        if (tables[i] == table || tables[i] == null) {
          at = i;
          break;
        }
      }
      System.arraycopy(tables, 0, tables, 1, at);
      tables[0] = table;
    }

    void forget(SnmpRequest r) {
      if (r == request) {
        request = null;
        java.util.Arrays.fill(tables, null);
      }
    }
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
