package dev.cpo.agent.snmp;

import org.snmp4j.ScopedPDU;

/** The SNMPv3 counterpart of {@link MeasuredPdu}: a {@link ScopedPDU} measured with {@link VarbindLengths}. */
final class MeasuredScopedPdu extends ScopedPDU {

  private static final long serialVersionUID = 1L;

  private transient VarbindLengths lengths;
  private transient boolean exact;

  MeasuredScopedPdu() {
    lengths = new VarbindLengths();
  }

  private MeasuredScopedPdu(MeasuredScopedPdu other) {
    super(other);
    lengths = new VarbindLengths(VarbindLengths.tailFor(other.size()));
  }

  @Override
  protected int getBERPayloadLengthPDU() {
    VarbindLengths l = lengths;
    if (l == null) { // after deserialisation
      l = new VarbindLengths();
      lengths = l;
    }
    return MeasuredPdu.payloadLength(this, l, exact, requestID, errorStatus, errorIndex);
  }

  /** As {@link MeasuredPdu#measureExactly(boolean)}. */
  void measureExactly(boolean on) {
    exact = on;
  }

  @Override
  public Object clone() {
    return new MeasuredScopedPdu(this);
  }
}
