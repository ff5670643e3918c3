package dev.cpo.agent.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.cli.Product;
import dev.cpo.agent.core.AgentStats;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.EventRecorder;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * A storm of HAL read errors and timeouts against the running product, cycled: the whole snapshot read
 * failing (sensor-read-error on the chassis), modules whose sensors cannot be read (sensor-read-error on
 * a laser module, an optical engine, an ASIC), and reads slower than {@code polling.halTimeoutMs}
 * (hal-latency). The agent marks exactly those readings unavailable, in its snapshot and in
 * ENTITY-SENSOR-MIB, raises no alarm, keeps answering SNMP, and recovers when they clear.
 */
class HalErrorStormIT {

  private static final OID SENSOR_OPER_STATUS = new OID("1.3.6.1.2.1.99.1.1.1.5");
  private static final int OK = 1;
  private static final int UNAVAILABLE = 2;
  private static final int ROUNDS = 2;
  /** Polls each phase is held for once its effect shows: enough for debounce to act on anything it would. */
  private static final Duration HOLD = Duration.ofSeconds(3);
  private static final List<String> MODULES = List.of("els3", "oe7", "asic2");

  @TempDir Path dir;

  @Test
  void readErrorsAndTimeoutsMarkReadingsUnavailableRaiseNoAlarmAndRecover() throws Exception {
    try (TrapSink traps = new TrapSink(); Product product = Products.start(dir, traps.port());
        SnmpPoller snmp = new SnmpPoller(product.snmp().port(), 5000, 0)) {
      EventRecorder events = new EventRecorder(product.agent().events());
      Inventory inv = product.agent().inventory();
      awaitReadings(product, snmp, sensor -> false);
      assertThat(product.agent().latest().activeAlarms()).isEmpty();
      AgentStats before = product.agent().latest().stats();
      long t0 = System.nanoTime();

      for (int round = 1; round <= ROUNDS; round++) {
        // The whole read fails: every reading unavailable.
        hold(product, snmp, request(FaultCatalog.SENSOR_READ_ERROR, "chassis", Map.of()), sensor -> true);
        // Modules fail to read: their sensors and those of what they contain, and no others.
        for (String module : MODULES) {
          hold(product, snmp, request(FaultCatalog.SENSOR_READ_ERROR, module, Map.of()),
              sensor -> inside(inv, sensor.entity(), module));
        }
        // Reads slower than the 500 ms HAL timeout: abandoned, every reading unavailable.
        hold(product, snmp, request(FaultCatalog.HAL_LATENCY, "chassis", Map.of("delayMs", 1500.0)), sensor -> true);
      }
      awaitReadings(product, snmp, sensor -> false);

      AgentStats after = product.agent().latest().stats();
      List<AgentEvent.AlarmRaised> raised = events.settled(AgentEvent.AlarmRaised.class);
      System.out.printf(Locale.ROOT, "hal storm: %d rounds in %.1f s, %d HAL errors counted, %d poll cycles,"
          + " %d alarms raised, %d active at the end, components %s%n", ROUNDS, (System.nanoTime() - t0) / 1e9,
          after.halErrors() - before.halErrors(), after.pollCycles() - before.pollCycles(), raised.size(),
          product.agent().latest().activeAlarms().size(), product.status());

      // Each round holds the chassis read error and the timeout for HOLD polls each, every one a counted error.
      assertThat(after.halErrors() - before.halErrors()).as("HAL errors counted")
          .isGreaterThanOrEqualTo(2L * HOLD.toSeconds() * ROUNDS);
      assertThat(raised).as("alarms raised by unreadable sensors").isEmpty();
      assertThat(product.agent().latest().activeAlarms()).isEmpty();
      assertThat(product.status()).allSatisfy((name, state) -> assertThat(state).as(name).isEqualTo("running"));
    }
  }

  private static FaultRequest request(String type, String target, Map<String, Double> parameters) {
    return new FaultRequest(type, target, parameters);
  }

  /** Injects the fault, waits for exactly the expected readings to go unavailable, holds, clears it. */
  private static void hold(Product product, SnmpPoller snmp, FaultRequest fault, Predicate<Sensor> unavailable)
      throws Exception {
    ActiveFault f = product.sim().faults().inject(fault);
    awaitReadings(product, snmp, unavailable);
    // Poll cycles, not HAL sequence numbers: a failed read republishes the last snapshot's.
    long cycles = product.agent().latest().stats().pollCycles();
    // Several polls under the fault, with SNMP answering throughout.
    await().atMost(HOLD.plusSeconds(5)).until(() -> snmp.get(new OID("1.3.6.1.2.1.1.3.0")) != null
        && product.agent().latest().stats().pollCycles() >= cycles + HOLD.toSeconds());
    assertThat(product.agent().latest().activeAlarms()).as("alarms under %s", fault).isEmpty();
    product.sim().faults().clear(f.id());
    awaitReadings(product, snmp, sensor -> false);
  }

  /**
   * Waits until the agent's latest snapshot has exactly the readings {@code unavailable} names marked
   * unavailable, and ENTITY-SENSOR-MIB's entPhySensorOperStatus says the same for every sensor.
   */
  private static void awaitReadings(Product product, SnmpPoller snmp, Predicate<Sensor> unavailable) {
    Inventory inv = product.agent().inventory();
    int entities = inv.entities().size();
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      HalSnapshot snap = product.agent().latest().hal();
      Map<Integer, Integer> expected = new HashMap<>();
      for (Sensor s : inv.sensors()) {
        assertThat(snap.available(s.index())).as("%s %s available", s.entity(), s.kind())
            .isEqualTo(!unavailable.test(s));
        expected.put(entities + s.index() + 1, unavailable.test(s) ? UNAVAILABLE : OK);
      }
      // The HAL's sensors' rows (after the physical entities); the leak detectors' rows (RFC 3433, one per
      // sensor-class entity) follow entity state, not readings, and are MibsOverSnmpIT's subject.
      Map<Integer, Integer> halRows = new HashMap<>(operStatus(snmp));
      halRows.keySet().removeIf(index -> index <= entities);
      assertThat(halRows).isEqualTo(expected);
    });
  }

  private static Map<Integer, Integer> operStatus(SnmpPoller snmp) throws IOException {
    Map<Integer, Integer> status = new HashMap<>();
    for (VariableBinding vb : snmp.walk(SENSOR_OPER_STATUS, 100)) {
      status.put(vb.getOid().last(), vb.getVariable().toInt());
    }
    return status;
  }

  /** Whether {@code entity} is {@code module} or inside it (els3/laser5 in els3). */
  private static boolean inside(Inventory inv, String entity, String module) {
    for (String e = entity; e != null; e = inv.require(e).parent()) {
      if (e.equals(module)) {
        return true;
      }
    }
    return false;
  }

}
