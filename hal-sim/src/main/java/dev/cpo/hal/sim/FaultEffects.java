package dev.cpo.hal.sim;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import java.util.Arrays;
import java.util.List;

/**
 * What the active faults do to the physics, folded into per-entity modifiers. Rebuilt from the whole
 * list whenever a fault is injected or cleared, so clearing a fault restores exactly the healthy
 * behaviour and combined faults add up (losses add, factors multiply, rises add).
 */
final class FaultEffects {

  /** Active laser-degradation faults: each drifts its laser and keeps the account of its own wear. */
  final List<LaserDrift> laserDrifts = new java.util.ArrayList<>();
  /** How many faults are active (0: the switch runs as built). */
  int activeFaults;
  final boolean[] laserFailed;
  final double[] laserPowerFactor;
  final boolean[] laserTecFailed;
  final double[] laserTecRiseKelvin;
  final double[] lanePathFactor;
  /** The fibre bringing the far end's light to this lane's receiver is cut. */
  final boolean[] laneRxCut;
  /** The fibre taking this lane's light to the far end is cut. */
  final boolean[] laneTxCut;
  /** The link partner's transmitter on this lane is dead. */
  final boolean[] farEndTxFailed;
  final double[] laneBerFactor;
  final double[] engineExtraKelvin;
  final double[] asicExtraKelvin;
  final double[] loopFlowFactor;
  final double[] loopInletCelsius;
  final boolean[] fanFailed;
  /** Per entity index. */
  final boolean[] sensorStuck;
  final double[] sensorNoiseFactor;
  final boolean[] readError;
  boolean chassisReadError;
  long latencyMillis;

  private final Topology t;
  private final Layout layout;
  private final Inventory inventory;

  FaultEffects(Topology t, Layout layout, Inventory inventory) {
    this.t = t;
    this.layout = layout;
    this.inventory = inventory;
    laserFailed = new boolean[t.lasers];
    laserPowerFactor = new double[t.lasers];
    laserTecFailed = new boolean[t.lasers];
    laserTecRiseKelvin = new double[t.lasers];
    lanePathFactor = new double[t.lanes];
    laneRxCut = new boolean[t.lanes];
    laneTxCut = new boolean[t.lanes];
    farEndTxFailed = new boolean[t.lanes];
    laneBerFactor = new double[t.lanes];
    engineExtraKelvin = new double[t.engines];
    asicExtraKelvin = new double[t.asics];
    loopFlowFactor = new double[t.loops];
    loopInletCelsius = new double[t.loops];
    fanFailed = new boolean[t.fans];
    sensorStuck = new boolean[layout.entityCount];
    sensorNoiseFactor = new double[layout.entityCount];
    readError = new boolean[layout.entityCount];
    rebuild(List.of());
  }

  /** Recomputes every modifier from the given active faults. */
  void rebuild(List<ActiveFault> faults) {
    activeFaults = faults.size();
    laserDrifts.clear();
    Arrays.fill(laserFailed, false);
    Arrays.fill(laserPowerFactor, 1);
    Arrays.fill(laserTecFailed, false);
    Arrays.fill(laserTecRiseKelvin, 0);
    Arrays.fill(lanePathFactor, 1);
    Arrays.fill(laneRxCut, false);
    Arrays.fill(laneTxCut, false);
    Arrays.fill(farEndTxFailed, false);
    Arrays.fill(laneBerFactor, 1);
    Arrays.fill(engineExtraKelvin, 0);
    Arrays.fill(asicExtraKelvin, 0);
    Arrays.fill(loopFlowFactor, 1);
    Arrays.fill(loopInletCelsius, Double.NaN);
    Arrays.fill(fanFailed, false);
    Arrays.fill(sensorStuck, false);
    Arrays.fill(sensorNoiseFactor, 1);
    Arrays.fill(readError, false);
    chassisReadError = false;
    latencyMillis = 0;
    for (ActiveFault f : faults) {
      apply(f);
    }
  }

  private void apply(ActiveFault f) {
    Entity target = inventory.require(f.target());
    int n = ordinal(target);
    switch (f.type()) {
      case FaultCatalog.LASER_DEGRADATION:
        laserDrifts.add(new LaserDrift(f.id(), n, param(f, "driftPercentPerDay") / 100 / 86_400));
        break;
      case FaultCatalog.LASER_FAILURE:
        laserFailed[n] = true;
        break;
      case FaultCatalog.LASER_POWER_DROP:
        laserPowerFactor[n] *= Math.pow(10, -param(f, "dropDb") / 10);
        break;
      case FaultCatalog.ELS_TEC_FAILURE:
        for (int i : lasersOf(target, n)) {
          laserTecFailed[i] = true;
          laserTecRiseKelvin[i] = Math.max(laserTecRiseKelvin[i], param(f, "riseKelvin"));
        }
        break;
      case FaultCatalog.OE_OVERTEMP:
        engineExtraKelvin[n] += param(f, "extraKelvin");
        break;
      case FaultCatalog.ASIC_OVERTEMP:
        asicExtraKelvin[n] += param(f, "extraKelvin");
        break;
      case FaultCatalog.COOLANT_FLOW_LOSS:
        loopFlowFactor[n] *= 1 - param(f, "lossPercent") / 100;
        break;
      case FaultCatalog.COOLANT_INLET_TEMP:
        // The latest injection wins: a facility supplies one temperature at a time.
        loopInletCelsius[n] = param(f, "inletCelsius");
        break;
      case FaultCatalog.FAN_FAILURE:
        fanFailed[n] = true;
        break;
      case FaultCatalog.FIBER_CUT: {
        String direction = f.option(FaultCatalog.DIRECTION);
        for (int q : lanesOf(target, n)) {
          laneRxCut[q] |= !direction.equals("tx");
          laneTxCut[q] |= !direction.equals("rx");
        }
        break;
      }
      case FaultCatalog.FAR_END_TX_FAILURE:
        for (int q : lanesOf(target, n)) {
          farEndTxFailed[q] = true;
        }
        break;
      case FaultCatalog.FIBER_DIRTY:
        for (int q : lanesOf(target, n)) {
          lanePathFactor[q] *= Math.pow(10, -param(f, "lossDb") / 10);
        }
        break;
      case FaultCatalog.BER_DEGRADATION:
        for (int q : lanesOf(target, n)) {
          laneBerFactor[q] *= param(f, "factor");
        }
        break;
      case FaultCatalog.SENSOR_STUCK:
        markSubtree(target, sensorStuck);
        break;
      case FaultCatalog.SENSOR_NOISE:
        for (int e : subtree(target)) {
          sensorNoiseFactor[e] *= param(f, "factor");
        }
        break;
      case FaultCatalog.SENSOR_READ_ERROR:
        if (target.entityClass() == EntityClass.CHASSIS) {
          chassisReadError = true;
        } else {
          markSubtree(target, readError);
        }
        break;
      case FaultCatalog.HAL_LATENCY:
        latencyMillis += (long) param(f, "delayMs");
        break;
      default:
        // els-removal acts on presence, not on a modifier; anything else is a catalog/effects mismatch.
        if (!f.type().equals(FaultCatalog.ELS_REMOVAL)) {
          throw new IllegalStateException("no effect defined for fault type " + f.type());
        }
    }
  }

  /** A laser-degradation fault: its id (the account its wear goes to), laser index and rate. */
  record LaserDrift(String faultId, int laser, double perSecond) {
  }

  private static double param(ActiveFault f, String name) {
    Double v = f.parameters().get(name);
    if (v == null) {
      throw new IllegalStateException("fault " + f.id() + " lacks parameter " + name);
    }
    return v;
  }

  /** Position of an entity within its class (asic2 -> 1, els3/laser5 -> laser index 20). */
  int ordinal(Entity e) {
    switch (e.entityClass()) {
      case ASIC: return e.index() - layout.asicEntity;
      case OPTICAL_ENGINE: return e.index() - layout.engineEntity;
      case LASER_MODULE: return e.index() - layout.moduleEntity;
      case LASER: return e.index() - layout.laserEntity;
      case PORT: return e.index() - layout.portEntity;
      case LANE: return e.index() - layout.laneEntity;
      case COOLING_LOOP: return e.index() - layout.loopEntity;
      case FAN: return e.index() - layout.fanEntity;
      default: return 0;
    }
  }

  private int[] lasersOf(Entity target, int n) {
    if (target.entityClass() == EntityClass.LASER) {
      return new int[] {n};
    }
    int[] out = new int[t.lasersPerModule];
    for (int l = 0; l < out.length; l++) {
      out[l] = n * t.lasersPerModule + l;
    }
    return out;
  }

  private int[] lanesOf(Entity target, int n) {
    if (target.entityClass() == EntityClass.LANE) {
      return new int[] {n};
    }
    int[] out = new int[t.lanesPerPort];
    for (int k = 0; k < out.length; k++) {
      out[k] = n * t.lanesPerPort + k;
    }
    return out;
  }

  private void markSubtree(Entity root, boolean[] marks) {
    for (int e : subtree(root)) {
      marks[e] = true;
    }
  }

  /** The entity and everything it contains, as entity indexes. */
  int[] subtree(Entity root) {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    java.util.ArrayDeque<Entity> todo = new java.util.ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Entity e = todo.poll();
      out.add(e.index());
      todo.addAll(inventory.children(e.name()));
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
