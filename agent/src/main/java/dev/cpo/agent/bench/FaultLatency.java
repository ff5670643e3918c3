package dev.cpo.agent.bench;

import dev.cpo.agent.cli.Product;
import dev.cpo.agent.config.ConfigLoader;
import dev.cpo.agent.snmp.mib.CpoOids;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;

/**
 * Fault injected -> SNMP trap and MQTT event received, end to end through the product as {@code run}
 * composes it ({@link Product}, default settings: fast polling every 1 s): {@code laser-failure} on a
 * laser, then the time until the in-process trap receiver decodes the cpoAlarmRaised naming that laser,
 * and until the events subscriber gets its {@code alarm-raised}. The path: the simulator's interrupt,
 * the agent's immediate cycle, the event bus, then the CPO-SWITCH-MIB notification sender and UDP, and
 * the MQTT publisher and broker. Each fault is cleared, and its clear awaited, before the next.
 */
final class FaultLatency {

  private static final int TIMEOUT_SECONDS = 10;
  private static final String RAISED = "alarm-raised";
  private static final String CLEARED = "alarm-cleared";

  /** Latencies of the measured injections; MQTT's empty when the product has no MQTT publisher. */
  record Result(Percentiles trap, Optional<Percentiles> mqtt, String mqttMissingReason) {}

  private FaultLatency() {}

  static Result measure(Path dir, int warmups, int measured) throws Exception {
    int brokerPort = FreePorts.tcp();
    try (TrapReceiver traps = new TrapReceiver()) {
      Product product = Product.of(ConfigLoader.load(null, List.of("snmp.port=0", "control.port=0",
          "traps.port=" + traps.port(), "mqtt.embedded.port=" + brokerPort, "state.dir=" + dir.resolve("state"))));
      product.start();
      try {
        boolean hasMqtt = product.status().keySet().stream().anyMatch(k -> k.toLowerCase().contains("mqtt"));
        if (!hasMqtt) {
          return new Result(run(product, traps.received(), null, warmups, measured)[0], Optional.empty(),
              "this build's product (cli.Product) has no MQTT publisher: components " + product.status().keySet());
        }
        String topic = "cpo/v1/" + product.config().switchConfig().id() + "/events";
        try (EventSubscriber events = new EventSubscriber("tcp://127.0.0.1:" + brokerPort, topic)) {
          Percentiles[] both = run(product, traps.received(), events.received(), warmups, measured);
          return new Result(both[0], Optional.of(both[1]), "");
        }
      } finally {
        product.stop();
      }
    }
  }

  /** Trap latencies, and MQTT latencies when {@code events} is not null. */
  private static Percentiles[] run(Product product, BlockingQueue<Signal> traps, BlockingQueue<Signal> events,
      int warmups, int measured) throws Exception {
    long[] trapNanos = new long[measured];
    long[] mqttNanos = new long[measured];
    String raisedTrap = CpoOids.ALARM_RAISED.toString();
    String clearedTrap = CpoOids.ALARM_CLEARED.toString();
    for (int i = 0; i < warmups + measured; i++) {
      String laser = "els" + (i % 18 + 1) + "/laser" + (i / 18 % 8 + 1);
      traps.clear();
      if (events != null) {
        events.clear();
      }
      long t0 = System.nanoTime();
      ActiveFault fault = product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, laser));
      long trapAt = Signal.await(traps, raisedTrap, laser, TIMEOUT_SECONDS);
      long mqttAt = events == null ? 0 : Signal.await(events, RAISED, laser, TIMEOUT_SECONDS);
      product.sim().faults().clear(fault.id());
      Signal.await(traps, clearedTrap, laser, TIMEOUT_SECONDS);
      if (events != null) {
        Signal.await(events, CLEARED, laser, TIMEOUT_SECONDS);
      }
      if (i >= warmups) {
        trapNanos[i - warmups] = trapAt - t0;
        mqttNanos[i - warmups] = mqttAt - t0;
      }
    }
    return new Percentiles[] {new Percentiles(trapNanos), events == null ? null : new Percentiles(mqttNanos)};
  }
}
