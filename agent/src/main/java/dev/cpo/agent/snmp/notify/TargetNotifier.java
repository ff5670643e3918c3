package dev.cpo.agent.snmp.notify;

import dev.cpo.agent.snmp.NotificationSender;
import dev.cpo.agent.snmp.TrapsConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.agent.mo.snmp.SysUpTime;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * The agent's {@link NotificationSender}: builds the SNMPv2 notification (sysUpTime.0, snmpTrapOID.0,
 * then the objects) once and hands it to every target. Never waits for a receiver: a v2c trap is sent
 * on the caller's thread (a datagram handed to the kernel), an inform is queued to its target's thread,
 * which waits for the answer and retries.
 */
public final class TargetNotifier implements NotificationSender, AutoCloseable {

  private final SysUpTime sysUpTime;
  private final List<Target> targets = new ArrayList<>();

  /**
   * @param snmp the agent's session (informs are answered to the agent's own port and engine)
   * @param usm the agent's USM, where inform users are localised for their receivers
   * @param users the USM user (not localised) by name, for inform targets
   * @param sysUpTime the agent's sysUpTime
   * @param config the targets
   */
  public TargetNotifier(Snmp snmp, USM usm, Function<String, UsmUser> users, SysUpTime sysUpTime,
      TrapsConfig config) throws UnknownHostException {
    this.sysUpTime = sysUpTime;
    targets.add(new TrapTarget(snmp, address(config.host(), config.port()), config.community()));
    for (TrapsConfig.InformTarget inform : config.informs()) {
      targets.add(new InformTarget(snmp, usm, users.apply(inform.user()), address(inform.host(), inform.port()),
          inform.timeoutMs(), inform.retries()));
    }
  }

  private static UdpAddress address(String host, int port) throws UnknownHostException {
    return new UdpAddress(InetAddress.getByName(host), port);
  }

  @Override
  public void send(OID notificationOid, List<VariableBinding> varbinds) {
    PDU pdu = new PDU();
    pdu.add(new VariableBinding(SnmpConstants.sysUpTime, sysUpTime.get()));
    pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, notificationOid));
    for (VariableBinding vb : varbinds) {
      pdu.add(vb);
    }
    for (Target t : targets) {
      t.offer(pdu);
    }
  }

  /** Counters per target, by target name (e.g. {@code v2c-127.0.0.1/1162}, {@code v3-noc@10.0.0.5/162}). */
  public Map<String, NotifierStats> stats() {
    Map<String, NotifierStats> out = new LinkedHashMap<>();
    for (Target t : targets) {
      out.put(t.name(), t.stats());
    }
    return out;
  }

  @Override
  public void close() {
    for (Target t : targets) {
      t.close();
    }
  }
}
