package dev.cpo.agent.snmp.notify;

import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SNMPv3 inform receiver (authPriv). SNMP4J retransmits on its timer until the receiver answers or
 * the retries are spent; the response is handled asynchronously, so one slow receiver holds no thread.
 */
final class InformTarget extends Target {

  private static final Logger LOG = LoggerFactory.getLogger(InformTarget.class);

  private final Snmp snmp;
  private final UserTarget<UdpAddress> target;

  InformTarget(Snmp snmp, UdpAddress address, String user, long timeoutMs, int retries) {
    super("v3-" + user + "@" + address);
    this.snmp = snmp;
    this.target = new UserTarget<>();
    target.setAddress(address);
    target.setVersion(SnmpConstants.version3);
    target.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
    target.setSecurityLevel(SecurityLevel.AUTH_PRIV);
    target.setSecurityName(new OctetString(user));
    target.setTimeout(timeoutMs);
    target.setRetries(retries);
  }

  @Override
  void deliver(PDU notification) throws Exception {
    ScopedPDU inform = new ScopedPDU();
    inform.addAll(notification.getVariableBindings());
    inform.setType(PDU.INFORM);
    sent.incrementAndGet();
    snmp.send(inform, target, null, new ResponseListener() {
      @Override
      public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
        snmp.cancel(event.getRequest(), this);
        PDU response = event.getResponse();
        if (response == null) {
          failed.incrementAndGet();
          LOG.warn("inform to {} unanswered after {} retries", name(), target.getRetries());
        } else if (response.getErrorStatus() != PDU.noError) {
          failed.incrementAndGet();
          LOG.warn("inform to {} refused: {}", name(), response.getErrorStatusText());
        } else {
          acknowledged.incrementAndGet();
        }
      }
    });
  }
}
