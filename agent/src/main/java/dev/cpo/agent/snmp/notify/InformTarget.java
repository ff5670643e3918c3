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
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SNMPv3 inform receiver (authPriv). The receiver is the authoritative engine (RFC 3414): its engine
 * id is discovered once, the user's keys are localised for it, then SNMP4J retransmits each inform on
 * its timer until answered or out of retries; the answer is handled asynchronously, so one slow
 * receiver holds no thread. An unanswered inform forgets the engine id: a restarted receiver may have
 * a new one.
 */
final class InformTarget extends Target {

  private static final Logger LOG = LoggerFactory.getLogger(InformTarget.class);

  private final Snmp snmp;
  private final USM usm;
  private final UsmUser user;
  private final UserTarget<UdpAddress> target;
  private volatile byte[] receiverEngineId;

  InformTarget(Snmp snmp, USM usm, UsmUser user, UdpAddress address, long timeoutMs, int retries) {
    super("v3-" + user.getSecurityName() + "@" + address, false);
    this.snmp = snmp;
    this.usm = usm;
    this.user = user;
    this.target = new UserTarget<>();
    target.setAddress(address);
    target.setVersion(SnmpConstants.version3);
    target.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
    target.setSecurityLevel(SecurityLevel.AUTH_PRIV);
    target.setSecurityName(user.getSecurityName());
    target.setTimeout(timeoutMs);
    target.setRetries(retries);
  }

  @Override
  void deliver(PDU notification) throws Exception {
    sent.incrementAndGet();
    byte[] engineId = receiverEngineId;
    if (engineId == null) {
      engineId = discover();
      if (engineId == null) {
        failed.incrementAndGet();
        LOG.warn("inform to {} not sent: no answer to {} engine discovery probes", name(), target.getRetries() + 1);
        return;
      }
    }
    UserTarget<UdpAddress> t = new UserTarget<>(target);
    t.setAuthoritativeEngineID(engineId);
    ScopedPDU inform = new ScopedPDU();
    inform.addAll(notification.getVariableBindings());
    inform.setType(PDU.INFORM);
    snmp.send(inform, t, null, new ResponseListener() {
      @Override
      public <A extends Address> void onResponse(ResponseEvent<A> event) {
        snmp.cancel(event.getRequest(), this);
        PDU response = event.getResponse();
        if (response == null) {
          failed.incrementAndGet();
          receiverEngineId = null;
          LOG.warn("inform to {} unanswered after {} retries", name(), target.getRetries());
        } else if (response.getType() == PDU.REPORT || response.getErrorStatus() != PDU.noError) {
          failed.incrementAndGet();
          receiverEngineId = null;
          LOG.warn("inform to {} refused: {}", name(),
              response.getType() == PDU.REPORT ? response.getVariableBindings() : response.getErrorStatusText());
        } else {
          acknowledged.incrementAndGet();
        }
      }
    });
  }

  /** Probes the receiver for its engine id (RFC 3414 section 4), 1 + retries times; null if it never answers. */
  private byte[] discover() {
    for (int attempt = 0; attempt <= target.getRetries(); attempt++) {
      byte[] id = snmp.discoverAuthoritativeEngineID(target.getAddress(), target.getTimeout());
      if (id != null && id.length > 0) {
        usm.addUser(user, new OctetString(id));
        receiverEngineId = id;
        return id;
      }
    }
    return null;
  }
}
