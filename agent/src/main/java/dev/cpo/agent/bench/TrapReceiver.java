package dev.cpo.agent.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * An in-process SNMP4J v2c notification receiver on a free loopback port. Not snmptrapd: snmptrapd
 * adds its own decoding and logging latency and timestamps only to the second.
 */
final class TrapReceiver implements AutoCloseable {

  /** One notification: when it was decoded, its snmpTrapOID and its string values (entity names among them). */
  record Notification(long nanos, OID trap, List<String> strings) implements Signal {
    @Override
    public boolean matches(String kind, String entity) {
      return kind.equals(String.valueOf(trap)) && strings.contains(entity);
    }
  }

  private final BlockingQueue<Signal> received = new LinkedBlockingQueue<>();
  private final DefaultUdpTransportMapping transport;
  private final Snmp snmp;

  TrapReceiver() throws IOException {
    transport = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0"));
    snmp = new Snmp(transport);
    snmp.addCommandResponder(new CommandResponder() {
      @Override
      public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
        onPdu(event);
      }
    });
    snmp.listen();
  }

  int port() {
    return transport.getListenAddress().getPort();
  }

  BlockingQueue<Signal> received() {
    return received;
  }

  private void onPdu(CommandResponderEvent<?> event) {
    long now = System.nanoTime();
    PDU pdu = event.getPDU();
    if (pdu == null || pdu.getType() != PDU.TRAP) {
      return;
    }
    OID trap = null;
    List<String> strings = new ArrayList<>();
    for (VariableBinding vb : pdu.getVariableBindings()) {
      if (vb.getOid().equals(SnmpConstants.snmpTrapOID)) {
        trap = (OID) vb.getVariable();
      } else if (vb.getVariable() instanceof OctetString s) {
        strings.add(s.toString());
      }
    }
    received.add(new Notification(now, trap, strings));
  }

  @Override
  public void close() throws IOException {
    snmp.close();
  }
}
