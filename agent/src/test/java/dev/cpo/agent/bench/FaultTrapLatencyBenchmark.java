package dev.cpo.agent.bench;

import dev.cpo.agent.cli.Product;
import dev.cpo.agent.config.ConfigLoader;
import dev.cpo.agent.snmp.mib.CpoOids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Fault injected -> SNMP trap received, end to end through the product as {@code run} composes it
 * ({@link Product}, default polling: fast class every 1 s): {@code laser-failure} on a laser, then the
 * time until an in-process SNMP4J receiver on a free loopback port decodes the cpoAlarmRaised naming
 * that laser. The path: the simulator's interrupt, the agent's immediate cycle, the event bus, the
 * CPO-SWITCH-MIB module, the notification sender, UDP. The fault is cleared, and its cpoAlarmCleared
 * awaited, between injections (the loop: {@link FaultLatency}). An in-process receiver rather than
 * snmptrapd: snmptrapd adds its own decoding and logging latency and timestamps only to the second.
 *
 * <p>Run with {@code bench/fault-trap.sh [measured injections, default 200]}.
 */
public final class FaultTrapLatencyBenchmark {

  private FaultTrapLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int measured = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    FaultLatency.Arrivals arrivals = new FaultLatency.Arrivals();
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0"));
    Snmp receiver = new Snmp(transport);
    receiver.addCommandResponder(new CommandResponder() {
      @Override
      public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
        onPdu(event, arrivals);
      }
    });
    receiver.listen();
    Path state = Files.createTempDirectory("cpo-fault-trap-bench");
    Product product = Product.of(ConfigLoader.load(null, List.of("snmp.port=0", "control.port=0",
        "traps.port=" + transport.getListenAddress().getPort(), "state.dir=" + state)));
    product.start();
    long[] nanos;
    try {
      nanos = FaultLatency.measure(product, measured, arrivals, CpoOids.ALARM_RAISED.toString(),
          CpoOids.ALARM_CLEARED.toString());
    } finally {
      product.stop();
      receiver.close();
    }
    FaultLatency.print("fault -> SNMP trap received (laser-failure -> cpoAlarmRaised, in-process SNMP4J receiver,"
        + " interrupt path, polls 1 s apart)", nanos);
  }

  /** A notification's kind is its snmpTrapOID; its names, its string values (the entity name among them). */
  private static void onPdu(CommandResponderEvent<?> event, FaultLatency.Arrivals arrivals) {
    long now = System.nanoTime();
    PDU pdu = event.getPDU();
    if (pdu == null || pdu.getType() != PDU.TRAP) {
      return;
    }
    String trap = "";
    List<String> strings = new ArrayList<>();
    for (VariableBinding vb : pdu.getVariableBindings()) {
      if (vb.getOid().equals(SnmpConstants.snmpTrapOID)) {
        trap = vb.getVariable().toString();
      } else if (vb.getVariable() instanceof OctetString s) {
        strings.add(s.toString());
      }
    }
    arrivals.arrived(now, trap, strings);
  }
}
