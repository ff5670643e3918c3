package dev.cpo.agent.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * An SNMPv2c manager as a poller runs one: GET, and GETBULK walks that fail loudly on a timeout, an
 * error status, or an OID that does not increase (a walk that would loop or skip).
 */
final class SnmpPoller implements AutoCloseable {

  /** A request got no answer within the timeout (and retries). */
  static final class TimeoutException extends IOException {
    TimeoutException(String what) {
      super(what);
    }
  }

  private final Snmp snmp;
  private final CommunityTarget<Address> target;

  SnmpPoller(int port, long timeoutMillis, int retries) throws IOException {
    snmp = new Snmp(new DefaultUdpTransportMapping());
    snmp.listen();
    target = new CommunityTarget<>(GenericAddress.parse("udp:127.0.0.1/" + port), new OctetString("public"));
    target.setVersion(SnmpConstants.version2c);
    target.setTimeout(timeoutMillis);
    target.setRetries(retries);
  }

  /** The value of one instance. */
  Variable get(OID oid) throws IOException {
    PDU pdu = new PDU();
    pdu.setType(PDU.GET);
    pdu.add(new VariableBinding(oid));
    return send(pdu, "GET " + oid).get(0).getVariable();
  }

  /** Every instance under {@code root}, in order, by GETBULK with {@code maxRepetitions}. */
  List<VariableBinding> walk(OID root, int maxRepetitions) throws IOException {
    List<VariableBinding> out = new ArrayList<>();
    OID next = root;
    while (true) {
      PDU pdu = new PDU();
      pdu.setType(PDU.GETBULK);
      pdu.setMaxRepetitions(maxRepetitions);
      pdu.add(new VariableBinding(next));
      List<? extends VariableBinding> vbs = send(pdu, "GETBULK " + next);
      if (vbs.isEmpty()) {
        throw new IOException("empty GETBULK response after " + next);
      }
      for (VariableBinding vb : vbs) {
        if (vb.getVariable().isException() || !vb.getOid().startsWith(root)) {
          return out;
        }
        if (vb.getOid().compareTo(next) <= 0) {
          throw new IOException("walk went back: " + vb.getOid() + " after " + next);
        }
        out.add(vb);
        next = vb.getOid();
      }
    }
  }

  private List<? extends VariableBinding> send(PDU pdu, String what) throws IOException {
    ResponseEvent<Address> event = snmp.send(pdu, target);
    PDU response = event.getResponse();
    if (response == null) {
      throw new TimeoutException(what + ": no answer within " + target.getTimeout() + " ms");
    }
    if (response.getErrorStatus() != PDU.noError) {
      throw new IOException(what + ": " + response.getErrorStatusText() + " at " + response.getErrorIndex());
    }
    return response.getVariableBindings();
  }

  @Override
  public void close() throws IOException {
    snmp.close();
  }
}
