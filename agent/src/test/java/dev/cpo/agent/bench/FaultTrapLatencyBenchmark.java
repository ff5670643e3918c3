package dev.cpo.agent.bench;

import dev.cpo.agent.cli.Product;
import dev.cpo.agent.config.ConfigLoader;
import dev.cpo.agent.snmp.mib.CpoOids;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * Fault injected -> SNMP trap received, end to end through the product as {@code run} composes it
 * ({@link Product}, default polling: fast class every 1 s): {@code laser-failure} on a laser, then the
 * time until an in-process SNMP4J receiver on a free loopback port decodes the cpoAlarmRaised naming
 * that laser. The path: the simulator's interrupt, the agent's immediate cycle, the event bus, the
 * CPO-SWITCH-MIB module, the notification sender, UDP. The fault is cleared, and its cpoAlarmCleared
 * awaited, between injections. An in-process receiver rather than snmptrapd: snmptrapd adds its own
 * decoding and logging latency and timestamps only to the second.
 *
 * <p>Run with {@code bench/fault-trap.sh [measured injections, default 200]}.
 */
public final class FaultTrapLatencyBenchmark {

  private static final int WARMUPS = 20;

  /** One notification: when it was decoded, its snmpTrapOID and its string values (entity name among them). */
  private record Received(long nanos, OID trap, List<String> strings) {}

  private FaultTrapLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int measured = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0"));
    Snmp receiver = new Snmp(transport);
    receiver.addCommandResponder(new CommandResponder() {
      @Override
      public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
        onPdu(event, received);
      }
    });
    receiver.listen();
    Path state = Files.createTempDirectory("cpo-fault-trap-bench");
    Product product = Product.of(ConfigLoader.load(null, List.of("snmp.port=0", "control.port=0",
        "traps.port=" + transport.getListenAddress().getPort(), "state.dir=" + state)));
    product.start();
    long[] nanos = new long[measured];
    try {
      for (int i = 0; i < WARMUPS + measured; i++) {
        String laser = "els" + (i % 18 + 1) + "/laser" + (i / 18 % 8 + 1);
        received.clear();
        long t0 = System.nanoTime();
        ActiveFault fault = product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, laser));
        long t1 = await(received, CpoOids.ALARM_RAISED, laser);
        product.sim().faults().clear(fault.id());
        await(received, CpoOids.ALARM_CLEARED, laser);
        if (i >= WARMUPS) {
          nanos[i - WARMUPS] = t1 - t0;
        }
      }
    } finally {
      product.stop();
      receiver.close();
    }
    print(nanos);
  }

  private static void onPdu(CommandResponderEvent<?> event, BlockingQueue<Received> received) {
    long now = System.nanoTime();
    PDU pdu = event.getPDU();
    if (pdu == null || pdu.getType() != PDU.TRAP) {
      return;
    }
    OID trap = null;
    List<String> strings = new java.util.ArrayList<>();
    for (VariableBinding vb : pdu.getVariableBindings()) {
      if (vb.getOid().equals(SnmpConstants.snmpTrapOID)) {
        trap = (OID) vb.getVariable();
      } else if (vb.getVariable() instanceof OctetString s) {
        strings.add(s.toString());
      }
    }
    received.add(new Received(now, trap, strings));
  }

  /** The receive time of the next {@code trap} naming {@code laser}, skipping others (linkDown, ...). */
  private static long await(BlockingQueue<Received> received, OID trap, String laser) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Received r = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (r == null) {
        throw new IllegalStateException("no " + trap + " for " + laser + " within 10 s");
      }
      if (trap.equals(r.trap()) && r.strings().contains(laser)) {
        return r.nanos();
      }
    }
  }

  private static void print(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double mean = Arrays.stream(sorted).average().orElse(0);
    System.out.printf("%nfault -> SNMP trap received (laser-failure -> cpoAlarmRaised, in-process SNMP4J receiver,"
        + " interrupt path, polls 1 s apart)%n");
    System.out.printf("%-11s %8s %8s %8s %8s %8s%n", "injections", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms");
    double p99 = ms(rank(sorted, 0.99));
    System.out.printf("%-11d %8.2f %8.2f %8.2f %8.2f %8.2f%n", n, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.90)),
        p99, ms(sorted[n - 1]), mean / 1e6);
    System.out.printf("(goal: p99 under 50 ms; %s)%n", p99 < 50 ? "met" : "MISSED");
  }

  /** Nearest-rank percentile: of 100 samples, p99 is the 99th smallest, not the maximum. */
  private static long rank(long[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
