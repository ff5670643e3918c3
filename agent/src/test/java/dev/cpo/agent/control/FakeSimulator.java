package dev.cpo.agent.control;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.InterruptListener;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.SwitchHal;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultException;
import dev.cpo.hal.fault.FaultException.Reason;
import dev.cpo.hal.fault.FaultInjector;
import dev.cpo.hal.fault.FaultParameter;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.fault.FaultType;
import dev.cpo.hal.sim.SimSettings;
import dev.cpo.hal.sim.SimulatorControl;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A one-port switch (one laser feeding one lane) with a two-entry fault catalog: enough to exercise
 * the control API's translation without the full simulator.
 */
final class FakeSimulator implements SwitchHal, SimulatorControl, FaultInjector {

  static final FaultType LASER_FAILURE = new FaultType("laser-failure", "the laser stops emitting",
      Set.of(EntityClass.LASER), List.of());
  static final FaultType LASER_DEGRADATION = new FaultType("laser-degradation", "bias drifts up",
      Set.of(EntityClass.LASER),
      List.of(new FaultParameter("driftPercentPerDay", "%/day", 1, 0, 100, "bias drift")));

  private final Inventory inventory;
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final Map<String, ActiveFault> faults = new LinkedHashMap<>();
  private SimSettings settings = new SimSettings(1, 0.6, 1);
  private long sequence;
  private int nextId = 1;

  FakeSimulator() {
    List<Entity> e = List.of(
        new Entity(0, "chassis", EntityClass.CHASSIS, null, 1, false, "CH1", "fake", "chassis"),
        new Entity(1, "els1", EntityClass.LASER_MODULE, "chassis", 1, true, "ELS1", "els", "laser module"),
        new Entity(2, "els1/laser1", EntityClass.LASER, "els1", 1, false, "", "laser", "laser"),
        new Entity(3, "port1", EntityClass.PORT, "chassis", 1, false, "", "port", "port"),
        new Entity(4, "port1/lane1", EntityClass.LANE, "port1", 1, false, "", "lane", "lane"));
    List<Sensor> s = List.of(
        new Sensor(0, "els1/laser1", EntityClass.LASER, SensorKind.BIAS_CURRENT, false),
        new Sensor(1, "port1/lane1", EntityClass.LANE, SensorKind.RX_POWER, false));
    inventory = new Inventory("fake", "Fake 1x200G", 1, 1, 200_000, e, s,
        List.of(new LaserMapping("els1/laser1", List.of(new LaneRef(1, 1)), List.of())));
  }

  @Override
  public Inventory inventory() {
    return inventory;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public synchronized HalSnapshot snapshot() {
    boolean dark = faults.values().stream().anyMatch(f -> f.type().equals("laser-failure"));
    EntityStatus[] st = new EntityStatus[5];
    for (int i = 0; i < st.length; i++) {
      st[i] = EntityStatus.of(OperState.UP);
    }
    st[2] = EntityStatus.of(dark ? OperState.FAILED : OperState.UP);
    st[3] = new EntityStatus(dark ? OperState.DOWN : OperState.UP, "", dark ? 0 : 1, dark ? 0 : 200_000, true);
    long[][] port = new long[CounterKind.values().length][];
    long[][] lane = new long[CounterKind.values().length][];
    for (CounterKind k : CounterKind.values()) {
      if (k.entityClass() == EntityClass.PORT) {
        port[k.ordinal()] = new long[] {42};
      } else {
        lane[k.ordinal()] = new long[] {7};
      }
    }
    long t = clock.millis();
    return new HalSnapshot(++sequence, t, inventory, new double[] {dark ? 0 : 50.5, dark ? Double.NEGATIVE_INFINITY : -2.5},
        new byte[] {0, 0}, new long[] {t, t}, st, port, lane);
  }

  @Override
  public List<LatchedFlag> readAndClearFlags(String module) {
    return List.of();
  }

  @Override
  public void setInterruptListener(InterruptListener listener) {}

  @Override
  public void setLaserEnabled(String laser, boolean enabled) {}

  @Override
  public void setPortAdminUp(String port, boolean up) {}

  @Override
  public void setFanSpeedPercent(String fan, double percent) {}

  @Override
  public void setAsicShutdown(String asic, boolean shutdown) {}

  @Override
  public void close() {}

  @Override
  public synchronized SimSettings settings() {
    return settings;
  }

  @Override
  public synchronized void setTimeScale(double timeScale) {
    settings = new SimSettings(timeScale, settings.load(), settings.seed());
  }

  @Override
  public synchronized void setLoad(double load) {
    settings = new SimSettings(settings.timeScale(), load, settings.seed());
  }

  @Override
  public synchronized void setSeed(long seed) {
    settings = new SimSettings(settings.timeScale(), settings.load(), seed);
  }

  @Override
  public FaultInjector faults() {
    return this;
  }

  @Override
  public SwitchHal hal() {
    return this;
  }

  @Override
  public List<FaultType> catalog() {
    return List.of(LASER_FAILURE, LASER_DEGRADATION);
  }

  @Override
  public synchronized ActiveFault inject(FaultRequest r) {
    FaultType type = catalog().stream().filter(t -> t.name().equals(r.type())).findFirst()
        .orElseThrow(() -> new FaultException(Reason.UNKNOWN_TYPE, "unknown fault type '" + r.type() + "'"));
    Entity target = inventory.entity(r.target())
        .orElseThrow(() -> new FaultException(Reason.UNKNOWN_TARGET, "unknown target '" + r.target() + "'"));
    if (!type.targetClasses().contains(target.entityClass())) {
      throw new FaultException(Reason.WRONG_TARGET_CLASS, type.name() + " cannot target " + target.name());
    }
    Map<String, Double> params = new HashMap<>();
    for (FaultParameter p : type.parameters()) {
      params.put(p.name(), p.defaultValue());
    }
    for (Map.Entry<String, Double> given : r.parameters().entrySet()) {
      FaultParameter p = type.parameters().stream().filter(x -> x.name().equals(given.getKey())).findFirst()
          .orElseThrow(() -> new FaultException(Reason.UNKNOWN_PARAMETER, "unknown parameter '" + given.getKey() + "'"));
      if (given.getValue() < p.min() || given.getValue() > p.max()) {
        throw new FaultException(Reason.PARAMETER_OUT_OF_RANGE, p.name() + " must be in [" + p.min() + ", " + p.max() + "]");
      }
      params.put(p.name(), given.getValue());
    }
    ActiveFault f = new ActiveFault("f" + nextId++, type.name(), target.name(), params, clock.millis());
    faults.put(f.id(), f);
    return f;
  }

  @Override
  public synchronized ActiveFault clear(String id) {
    ActiveFault f = faults.remove(id);
    if (f == null) {
      throw new FaultException(Reason.NOT_FOUND, "no active fault '" + id + "'");
    }
    return f;
  }

  @Override
  public synchronized List<ActiveFault> active() {
    return new ArrayList<>(faults.values());
  }
}
