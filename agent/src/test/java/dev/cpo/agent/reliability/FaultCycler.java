package dev.cpo.agent.reliability;

import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultInjector;
import dev.cpo.hal.fault.FaultRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A scripted loop of fault episodes, as a lab tester would run them: each {@link #step()} undoes the
 * oldest episode once {@code concurrent} are active, then starts the next one. Targets are disjoint, so
 * undoing one episode never touches another's fault.
 */
final class FaultCycler {

  /** One fault and how it is undone: cleared, or (for a pulled module) a new module inserted. */
  record Episode(String type, String target, Map<String, Double> parameters, String undoType) {
    static Episode of(String type, String target) {
      return new Episode(type, target, Map.of(), null);
    }
  }

  /** Every kind of fault the agent reacts to differently: root causes, thresholds, sensors, the HAL itself. */
  static final List<Episode> MIXED = List.of(
      Episode.of(FaultCatalog.LASER_FAILURE, "els3/laser5"),
      Episode.of(FaultCatalog.OE_OVERTEMP, "oe7"),
      new Episode(FaultCatalog.ELS_REMOVAL, "els2", Map.of(), FaultCatalog.ELS_INSERTION),
      Episode.of(FaultCatalog.FIBER_CUT, "port42"),
      Episode.of(FaultCatalog.SENSOR_READ_ERROR, "els5"),
      Episode.of(FaultCatalog.ASIC_OVERTEMP, "asic2"),
      new Episode(FaultCatalog.LASER_DEGRADATION, "els7/laser2", Map.of("driftPercentPerDay", 200.0), null),
      Episode.of(FaultCatalog.SENSOR_NOISE, "asic3"),
      Episode.of(FaultCatalog.COOLANT_FLOW_LOSS, "loop2"),
      new Episode(FaultCatalog.HAL_LATENCY, "chassis", Map.of("delayMs", 50.0), null),
      Episode.of(FaultCatalog.FIBER_DIRTY, "port100"),
      Episode.of(FaultCatalog.FAN_FAILURE, "fan1"),
      Episode.of(FaultCatalog.BER_DEGRADATION, "port77"));

  private final FaultInjector faults;
  private final List<Episode> script;
  private final int concurrent;
  private final Deque<Runnable> undos = new ArrayDeque<>();
  private int next;
  private volatile long injected;

  FaultCycler(FaultInjector faults, List<Episode> script, int concurrent) {
    this.faults = faults;
    this.script = script;
    this.concurrent = concurrent;
  }

  /** Undoes the oldest episode when {@code concurrent} are active, then starts the next of the script. */
  void step() {
    if (undos.size() >= concurrent) {
      undos.poll().run();
    }
    Episode e = script.get(next++ % script.size());
    ActiveFault f = faults.inject(new FaultRequest(e.type(), e.target(), e.parameters()));
    injected++;
    undos.add(e.undoType() == null
        ? () -> faults.clear(f.id())
        : () -> faults.inject(FaultRequest.of(e.undoType(), e.target())));
  }

  /** Undoes every active episode. */
  void undoAll() {
    while (!undos.isEmpty()) {
      undos.poll().run();
    }
  }

  long injected() {
    return injected;
  }
}
