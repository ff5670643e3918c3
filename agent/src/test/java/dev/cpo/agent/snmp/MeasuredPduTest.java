package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * {@link MeasuredPdu} and {@link MeasuredScopedPdu} are measured and encoded byte for byte as SNMP4J's
 * own PDUs through the changes SNMP4J-Agent makes to a response while it fills it, measure a binding's
 * name once while the binding keeps it and its whole length once while it also keeps its value object,
 * and measure every value afresh once the response is complete (a value changed in place counts there).
 */
class MeasuredPduTest {

  /** An OID that counts how often it is measured. */
  private static final class CountingOid extends OID {
    static int measured;

    CountingOid(String oid) {
      super(oid);
    }

    @Override
    public int getBERLength() {
      measured++;
      return super.getBERLength();
    }

    @Override
    public Object clone() {
      return new CountingOid(toDottedString());
    }
  }

  private static byte[] encoded(PDU pdu) throws IOException {
    BEROutputStream out = new BEROutputStream(java.nio.ByteBuffer.allocate(pdu.getBERLength() + 16));
    pdu.encodeBER(out);
    return java.util.Arrays.copyOf(out.getBuffer().array(), out.getBuffer().position());
  }

  /** SNMP4J's own PDU with the same fields and (cloned) bindings. */
  private static PDU plainCopy(PDU pdu) {
    PDU plain = pdu instanceof ScopedPDU s ? new ScopedPDU() : new PDU();
    if (pdu instanceof ScopedPDU s) {
      ((ScopedPDU) plain).setContextEngineID(new OctetString(s.getContextEngineID()));
      ((ScopedPDU) plain).setContextName(new OctetString(s.getContextName()));
    }
    plain.setType(pdu.getType());
    plain.setRequestID(new Integer32(pdu.getRequestID().getValue()));
    plain.setErrorStatus(pdu.getErrorStatus());
    plain.setErrorIndex(pdu.getErrorIndex());
    for (VariableBinding vb : pdu.getVariableBindings()) {
      plain.add((VariableBinding) vb.clone());
    }
    return plain;
  }

  private static void assertSameAsPlain(PDU measured) throws IOException {
    PDU plain = plainCopy(measured);
    assertThat(measured.getBERLength()).isEqualTo(plain.getBERLength());
    assertThat(measured.getBERPayloadLength()).isEqualTo(plain.getBERPayloadLength());
    assertThat(encoded(measured)).isEqualTo(encoded(plain));
  }

  /** An Integer32 that counts how often it is measured (also used by {@code CpoCommandProcessorTest}). */
  static final class CountingInteger extends Integer32 {
    static int measured;

    CountingInteger(int value) {
      super(value);
    }

    @Override
    public int getBERLength() {
      measured++;
      return super.getBERLength();
    }

    @Override
    public Object clone() {
      return new CountingInteger(getValue());
    }
  }

  private static void measureExactly(PDU pdu) {
    if (pdu instanceof MeasuredPdu m) {
      m.measureExactly(true);
    } else {
      ((MeasuredScopedPdu) pdu).measureExactly(true);
    }
  }

  /**
   * What SNMP4J-Agent does to a response while it fills it (SnmpRequest, CommandProcessor, MOs), and
   * with {@code inPlace} values changed in place, which only the measurement of a complete response sees.
   */
  private static List<Consumer<PDU>> responseChanges(boolean inPlace) {
    List<Consumer<PDU>> changes = new ArrayList<>();
    changes.add(p -> {
      p.addAll(new VariableBinding[3]); // SnmpRequest.setupSubRequests: placeholders, then each binding in its place
      for (int i = 0; i < 3; i++) {
        p.set(i, new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.2." + i)));
      }
    });
    changes.add(p -> p.get(0).setVariable(new OctetString("port1, 800G port (4 x 200G lanes)")));
    changes.add(p -> p.get(1).setOid(new OID("1.3.6.1.2.1.31.1.1.1.6.4294967295")));
    changes.add(p -> p.get(1).setVariable(new Counter64(Long.MAX_VALUE)));
    changes.add(p -> p.get(2).setVariable(Null.endOfMibView));
    changes.add(p -> p.add(new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.5.1.1"), new Integer32(-1))));
    changes.add(p -> p.get(3).getOid().append(200_000)); // a name grown in place (a new array)
    if (inPlace) {
      changes.add(p -> ((Integer32) p.get(3).getVariable()).setValue(1 << 30)); // a value changed in place
      changes.add(p -> ((OctetString) p.get(0).getVariable()).append("x".repeat(200))); // long form of the length
    } else {
      changes.add(p -> p.get(3).setVariable(new Integer32(1 << 30)));
      changes.add(p -> p.get(0).setVariable(new OctetString("x".repeat(300)))); // long form of the length
    }
    changes.add(p -> p.get(2).setOid(new OID("1.3")));
    changes.add(p -> p.getVariableBindings().subList(2, p.size()).clear()); // endOfMibView truncation
    changes.add(p -> p.trim()); // CpoCommandProcessor.sendResponse, from the end
    changes.add(p -> p.set(0, new VariableBinding(new OID("1.3.6.1.2.1.1.1.0"), new OctetString("sysDescr"))));
    changes.add(p -> p.setErrorStatus(PDU.tooBig));
    changes.add(p -> p.setRequestID(new Integer32(Integer.MAX_VALUE)));
    changes.add(PDU::clear);
    return changes;
  }

  private static void assertSameThroughEveryChange(PDU pdu, boolean exact) throws IOException {
    if (exact) {
      measureExactly(pdu);
    }
    assertSameAsPlain(pdu);
    for (Consumer<PDU> change : responseChanges(exact)) {
      change.accept(pdu);
      assertSameAsPlain(pdu);
    }
  }

  private static PDU response() {
    PDU pdu = new MeasuredPdu();
    pdu.setType(PDU.RESPONSE);
    pdu.setRequestID(new Integer32(7));
    return pdu;
  }

  private static ScopedPDU scopedResponse() {
    ScopedPDU pdu = new MeasuredScopedPdu();
    pdu.setType(PDU.RESPONSE);
    pdu.setRequestID(new Integer32(7));
    pdu.setContextEngineID(new OctetString(new byte[] {(byte) 0x80, 0, 0x7f, 1, 2, 3}));
    pdu.setContextName(new OctetString("ctx"));
    return pdu;
  }

  @Test
  void aMeasuredPduMeasuresAndEncodesAsSnmp4jsThroughEveryChangeOfAResponse() throws IOException {
    assertSameThroughEveryChange(response(), false);
    assertSameThroughEveryChange(response(), true);
  }

  @Test
  void aMeasuredScopedPduMeasuresAndEncodesAsSnmp4jsThroughEveryChangeOfAResponse() throws IOException {
    assertSameThroughEveryChange(scopedResponse(), false);
    assertSameThroughEveryChange(scopedResponse(), true);
  }

  @Test
  void theResponseClonedFromARequestIsMeasuredTheSameWay() {
    // SnmpRequest.createResponse: the response is the request's clone.
    assertThat(new MeasuredPdu().clone()).isInstanceOf(MeasuredPdu.class);
    MeasuredScopedPdu request = new MeasuredScopedPdu();
    request.setContextName(new OctetString("ctx"));
    Object response = request.clone();
    assertThat(response).isInstanceOf(MeasuredScopedPdu.class);
    assertThat(((ScopedPDU) response).getContextName()).isEqualTo(new OctetString("ctx"));
    assertThat(MeasuredPdus.V2C.createPDU((org.snmp4j.mp.MessageProcessingModel) null)).isInstanceOf(MeasuredPdu.class);
    assertThat(MeasuredPdus.V3.createPDU((org.snmp4j.mp.MessageProcessingModel) null))
        .isInstanceOf(MeasuredScopedPdu.class);
  }

  /**
   * SNMP4J-Agent's GETBULK fill of a response cloned from a request of one repeater: a binding appended
   * with the last one's name, then given its own name and value, 50 times, each step measured as the
   * iterator measures it; a cut at endOfMibView, a trim. Each measurement equals SNMP4J's.
   */
  @Test
  void aResponseClonedFromARequestIsMeasuredAsSnmp4jsWhileAGetBulkFillsIt() throws IOException {
    PDU request = new MeasuredPdu();
    request.setType(PDU.GETBULK);
    request.setRequestID(new Integer32(7));
    request.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.2")));
    PDU response = (PDU) request.clone();
    response.setType(PDU.RESPONSE);
    for (int i = 1; i <= 50; i++) {
      VariableBinding vb = new VariableBinding(response.get(response.size() - 1).getOid());
      response.add(vb);
      assertSameAsPlain(response);
      vb.setOid(new OID("1.3.6.1.2.1.2.2.1.2." + i));
      vb.setVariable(new OctetString("x".repeat(i * 3))); // the length's long form from 128 bytes on
      assertSameAsPlain(response);
      assertSameAsPlain(response);
    }
    response.getVariableBindings().subList(30, response.size()).clear();
    assertSameAsPlain(response);
    response.get(3).setVariable(new OctetString("y".repeat(400))); // an early binding, on a shorter list
    response.trim();
    assertSameAsPlain(response);
  }

  @Test
  void aNameIsMeasuredOnceWhileItsBindingKeepsIt() {
    PDU pdu = new MeasuredPdu();
    for (int i = 0; i < 50; i++) {
      pdu.add(new VariableBinding(new CountingOid("1.3.6.1.2.1.47.1.1.1.1.2." + i), new Integer32(i)));
    }
    CountingOid.measured = 0;
    int length = pdu.getBERLength();
    for (int i = 0; i < 24; i++) {
      assertThat(pdu.getBERLength()).isEqualTo(length);
    }
    assertThat(CountingOid.measured).isEqualTo(50);

    pdu.get(7).setOid(new CountingOid("1.3.6.1.2.1.47.1.1.1.1.2.700"));
    pdu.getBERLength();
    assertThat(CountingOid.measured).isEqualTo(51);
  }

  @Test
  void aValueIsMeasuredOnceWhileTheResponseIsFilledAfreshWhileItIsSentAndNotAgainAfter() throws IOException {
    PDU pdu = new MeasuredPdu();
    for (int i = 0; i < 50; i++) {
      VariableBinding vb = new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.10." + i));
      vb.setVariable(new CountingInteger(i));
      pdu.add(vb);
    }
    CountingInteger.measured = 0;
    int length = pdu.getBERLength();
    for (int i = 0; i < 24; i++) {
      assertThat(pdu.getBERLength()).isEqualTo(length);
    }
    assertThat(CountingInteger.measured).isEqualTo(50);

    pdu.get(7).setVariable(new CountingInteger(1 << 20));
    assertThat(pdu.getBERLength()).isEqualTo(length + 2);
    assertThat(CountingInteger.measured).isEqualTo(51);

    // Complete: a value changed in place is measured as it is now, and so encoded.
    ((Integer32) pdu.get(8).getVariable()).setValue(1 << 30);
    measureExactly(pdu);
    assertSameAsPlain(pdu);
    assertThat(pdu.getBERLength()).isEqualTo(length + 5);

    // Sent: SNMP4J-Agent's release pass measures it at each sub-request again, from the exact lengths.
    int measuredWhenSent = CountingInteger.measured;
    if (pdu instanceof MeasuredPdu m) {
      m.measureExactly(false);
    } else {
      ((MeasuredScopedPdu) pdu).measureExactly(false);
    }
    for (int i = 0; i < 50; i++) {
      assertThat(pdu.getBERLength()).isEqualTo(length + 5);
    }
    assertThat(CountingInteger.measured).isEqualTo(measuredWhenSent);
  }
}
