package dev.cpo.agent.snmp.notify;

import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;

/** A v2c trap receiver: fire and forget, sent on the caller's thread (a datagram handed to the kernel). */
final class TrapTarget extends Target {

  private final Snmp snmp;
  private final CommunityTarget<UdpAddress> target;

  TrapTarget(Snmp snmp, UdpAddress address, String community) {
    super("v2c-" + address, true);
    this.snmp = snmp;
    this.target = new CommunityTarget<>(address, new OctetString(community));
    this.target.setVersion(SnmpConstants.version2c);
  }

  @Override
  void deliver(PDU notification) throws Exception {
    PDU trap = new PDU(notification);
    trap.setType(PDU.TRAP);
    snmp.send(trap, target);
    sent.incrementAndGet();
  }
}
