package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.TransportStateReference;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StateReference;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * What becomes of a response that does not fit (RFC 3416 section 4.2): trimmed, tooBig, or a counted
 * silent drop with a log line, never lost without trace. Real SNMP4J encoding on a transport that
 * records datagrams instead of sending them.
 */
class CpoCommandProcessorTest {

  private static final byte[] COMMUNITY = "public".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final OID IF_DESCR_1 = new OID("1.3.6.1.2.1.2.2.1.2.1");

  private final OutTooBigs tooBigs = new OutTooBigs();
  private final CpoCommandProcessor processor = new CpoCommandProcessor(new OctetString("engine-id"),
      SnmpAgent.MAX_MESSAGE_SIZE, tooBigs);
  private final List<OID> counted = new ArrayList<>();
  private final RecordingTransport transport = new RecordingTransport();
  private final MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();

  CpoCommandProcessorTest() throws IOException {
    dispatcher.addMessageProcessingModel(new MPv2c());
    processor.addCounterListener(e -> counted.add(e.getOid()));
  }

  @AfterEach
  void close() throws IOException {
    transport.close();
  }

  /** Sends like a datagram socket, or refuses like one that is handed more than the network takes. */
  private static final class RecordingTransport extends DefaultUdpTransportMapping {
    final List<byte[]> sent = new ArrayList<>();
    boolean refuse;

    RecordingTransport() throws IOException {
      super(new UdpAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @Override
    public void sendMessage(UdpAddress to, byte[] message, TransportStateReference ref, long timeout, int retries)
        throws IOException {
      if (refuse) {
        throw new IOException("Message too long");
      }
      sent.add(message);
    }
  }

  private CommandResponderEvent<UdpAddress> request(int type, int maxSize) {
    PDU pdu = new PDU();
    pdu.setType(type);
    pdu.setRequestID(new org.snmp4j.smi.Integer32(7));
    pdu.add(new VariableBinding(IF_DESCR_1));
    UdpAddress peer = new UdpAddress(InetAddress.getLoopbackAddress(), 40000);
    PduHandle handle = new PduHandle(7);
    StateReference<UdpAddress> state = new StateReference<>(handle, peer, transport, null, COMMUNITY, 0);
    return new CommandResponderEvent<>(dispatcher, transport, peer, 1, SecurityModel.SECURITY_MODEL_SNMPv2c,
        COMMUNITY, 1, handle, pdu, maxSize, state);
  }

  private static PDU responseOf(int varbinds) {
    PDU response = new PDU();
    response.setType(PDU.RESPONSE);
    response.setRequestID(new org.snmp4j.smi.Integer32(7));
    for (int i = 1; i <= varbinds; i++) {
      response.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.2." + i), new OctetString("x".repeat(70))));
    }
    return response;
  }

  @Test
  void aGetBulkResponseIsTrimmedFromTheEndToTheLimit() {
    PDU response = responseOf(1000);

    processor.sendResponse(request(PDU.GETBULK, 10_000), response);

    assertThat(transport.sent).hasSize(1);
    assertThat(response.size()).isBetween(100, 999);
    assertThat(response.getBERLength()).isLessThanOrEqualTo(10_000);
    assertThat(response.get(0).getOid()).isEqualTo(new OID("1.3.6.1.2.1.2.2.1.2.1"));
    assertThat(counted).isEmpty();
  }

  @Test
  void aSentResponseIsMeasuredExactlyOnceSentAndFromItsLengthsAfter() {
    PDU response = new MeasuredPdu();
    response.setType(PDU.RESPONSE);
    response.setRequestID(new org.snmp4j.smi.Integer32(7));
    for (int i = 1; i <= 50; i++) {
      response.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.10." + i), new MeasuredPduTest.CountingInteger(i)));
    }
    MeasuredPduTest.CountingInteger.measured = 0;

    processor.sendResponse(request(PDU.GETBULK, 10_000), response);

    assertThat(transport.sent).hasSize(1);
    int whenSent = MeasuredPduTest.CountingInteger.measured;
    assertThat(whenSent).as("value lengths asked while sizing and encoding").isGreaterThanOrEqualTo(50);
    // SNMP4J-Agent's release pass measures the response before each of its sub-requests.
    int length = response.getBERLength();
    for (int i = 0; i < 50; i++) {
      assertThat(response.getBERLength()).isEqualTo(length);
    }
    assertThat(MeasuredPduTest.CountingInteger.measured).as("value lengths asked after sending").isEqualTo(whenSent);
  }

  @Test
  void anyOtherResponseBecomesTooBigAndIsCounted() {
    PDU response = responseOf(1000);

    processor.sendResponse(request(PDU.GET, 10_000), response);

    assertThat(transport.sent).hasSize(1);
    assertThat(response.getErrorStatus()).isEqualTo(PDU.tooBig);
    assertThat(response.getErrorIndex()).isZero();
    assertThat(response.size()).isZero();
    assertThat(tooBigs.getValue().getValue()).isEqualTo(1);
  }

  @Test
  void aResponseTheNetworkRefusesIsCountedInSnmpSilentDrops() {
    transport.refuse = true;

    processor.sendResponse(request(PDU.GET, 60_000), responseOf(3));

    assertThat(counted).containsExactly(SnmpConstants.snmpSilentDrops);
  }

  @Test
  void aResponseThatCannotFitEvenEmptyIsCountedInSnmpSilentDropsAndNotSent() {
    PDU report = responseOf(3);
    report.setType(PDU.REPORT);

    processor.sendResponse(request(PDU.GET, 20), report);

    assertThat(transport.sent).isEmpty();
    assertThat(counted).containsExactly(SnmpConstants.snmpSilentDrops);
  }
}
