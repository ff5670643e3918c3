package dev.cpo.agent.snmp;

import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.smi.Integer32;

/**
 * An SNMPv2c PDU whose BER length is computed with {@link VarbindLengths}: the same length as
 * {@link PDU}'s, without measuring every variable binding's name again at each call. The message
 * processing model decodes requests into it ({@link MeasuredPdus}), and SNMP4J-Agent clones the
 * request for its response, so every response of this agent is one.
 */
final class MeasuredPdu extends PDU {

  private static final long serialVersionUID = 1L;

  private transient VarbindLengths lengths;
  private transient boolean exact;

  MeasuredPdu() {
    lengths = new VarbindLengths();
  }

  private MeasuredPdu(MeasuredPdu other) {
    super(other);
    lengths = new VarbindLengths(VarbindLengths.tailFor(other.size()));
  }

  @Override
  protected int getBERPayloadLengthPDU() {
    return payloadLength(this, lengths(), exact, requestID, errorStatus, errorIndex);
  }

  /**
   * Whether every value is measured afresh ({@link VarbindLengths}): on while the complete response is
   * trimmed, sized and encoded, off again once it is sent (SNMP4J-Agent then walks the response's
   * sub-requests once more to release them, measuring the response at each step). A clone starts off.
   */
  void measureExactly(boolean on) {
    exact = on;
  }

  private VarbindLengths lengths() {
    VarbindLengths l = lengths;
    if (l == null) { // after deserialisation
      l = new VarbindLengths();
      lengths = l;
    }
    return l;
  }

  @Override
  public Object clone() {
    return new MeasuredPdu(this);
  }

  /** {@code PDU.getBERPayloadLengthPDU()}, term for term, with the bindings measured by {@code lengths}. */
  static int payloadLength(PDU pdu, VarbindLengths lengths, boolean exact, Integer32 requestId,
      Integer32 errorStatus, Integer32 errorIndex) {
    int length = lengths.berLength(pdu.getVariableBindings(), exact);
    length += BER.getBERLengthOfLength(length) + 1;
    length += new Integer32(requestId.getValue()).getBERLength();
    length += errorStatus.getBERLength();
    length += errorIndex.getBERLength();
    return length;
  }
}
