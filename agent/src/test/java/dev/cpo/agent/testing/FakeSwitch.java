package dev.cpo.agent.testing;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalException;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written fake switch for unit tests of the agent's logic: one ASIC, one engine, one laser
 * module of 8 lasers feeding 8 ports of 4 lanes (the default profile's mapping in miniature), two fans
 * and a cooling loop. Tests set readings and states with helpers named after the incident
 * ({@code failLaser}, {@code removeModule}); the acceptance tests use the real simulator.
 */
public final class FakeSwitch implements SwitchHal {

  private final TestClock clock = new TestClock(1_700_000_000_000L);
  private final Inventory inventory;
  private final double[] values;
  private final byte[] statuses;
  private final EntityStatus[] states;
  private final List<String> controls = new CopyOnWriteArrayList<>();
  private volatile InterruptListener listener = m -> { };
  private volatile boolean failReads;
  private long seq;

  public FakeSwitch() {
    List<Entity> es = new ArrayList<>();
    add(es, "chassis", EntityClass.CHASSIS, null, 1, false);
    add(es, "asic1", EntityClass.ASIC, "chassis", 1, false);
    add(es, "oe1", EntityClass.OPTICAL_ENGINE, "asic1", 1, false);
    add(es, "els1", EntityClass.LASER_MODULE, "chassis", 1, true);
    for (int l = 1; l <= 8; l++) {
      add(es, "els1/laser" + l, EntityClass.LASER, "els1", l, false);
    }
    for (int p = 1; p <= 8; p++) {
      add(es, "port" + p, EntityClass.PORT, "chassis", p, false);
      for (int l = 1; l <= 4; l++) {
        add(es, "port" + p + "/lane" + l, EntityClass.LANE, "port" + p, l, false);
      }
    }
    add(es, "fan1", EntityClass.FAN, "chassis", 1, true);
    add(es, "fan2", EntityClass.FAN, "chassis", 2, true);
    add(es, "loop1", EntityClass.COOLING_LOOP, "chassis", 1, false);
    List<Sensor> ss = new ArrayList<>();
    sensor(ss, "asic1", EntityClass.ASIC, SensorKind.TEMPERATURE, false);
    sensor(ss, "oe1", EntityClass.OPTICAL_ENGINE, SensorKind.TEMPERATURE, false);
    sensor(ss, "els1", EntityClass.LASER_MODULE, SensorKind.TEMPERATURE, false);
    sensor(ss, "els1", EntityClass.LASER_MODULE, SensorKind.VOLTAGE, true);
    for (int l = 1; l <= 8; l++) {
      sensor(ss, "els1/laser" + l, EntityClass.LASER, SensorKind.BIAS_CURRENT, false);
      sensor(ss, "els1/laser" + l, EntityClass.LASER, SensorKind.TEMPERATURE, false);
      sensor(ss, "els1/laser" + l, EntityClass.LASER, SensorKind.TX_POWER, false);
    }
    for (int p = 1; p <= 8; p++) {
      for (int l = 1; l <= 4; l++) {
        sensor(ss, "port" + p + "/lane" + l, EntityClass.LANE, SensorKind.RX_POWER, false);
        sensor(ss, "port" + p + "/lane" + l, EntityClass.LANE, SensorKind.PRE_FEC_BER, false);
      }
    }
    sensor(ss, "fan1", EntityClass.FAN, SensorKind.FAN_SPEED, true);
    sensor(ss, "fan2", EntityClass.FAN, SensorKind.FAN_SPEED, true);
    sensor(ss, "loop1", EntityClass.COOLING_LOOP, SensorKind.COOLANT_FLOW, true);
    List<LaserMapping> mappings = new ArrayList<>();
    for (int l = 1; l <= 8; l++) {
      int lane = (l + 1) / 2;
      int first = l % 2 == 1 ? 1 : 5;
      List<LaneRef> lanes = new ArrayList<>();
      for (int p = first; p < first + 4; p++) {
        lanes.add(new LaneRef(p, lane));
      }
      mappings.add(new LaserMapping("els1/laser" + l, lanes, List.of("oe1")));
    }
    inventory = new Inventory("fake", "Fake switch", 8, 4, 200_000, es, ss, mappings);
    values = new double[ss.size()];
    statuses = new byte[ss.size()];
    states = new EntityStatus[es.size()];
    healthy();
  }

  /** Every reading nominal, every entity up. */
  public synchronized FakeSwitch healthy() {
    for (Sensor s : inventory.sensors()) {
      values[s.index()] = switch (s.thresholdClass()) {
        case "asic.temp" -> 80;
        case "oe.temp" -> 55;
        case "els.temp" -> 40;
        case "els.voltage" -> 3.3;
        case "laser.bias" -> 350;
        case "laser.temp" -> 45;
        case "laser.tx_power" -> 20;
        case "lane.rx_power" -> -1;
        case "lane.pre_fec_ber" -> 1e-7;
        case "fan.speed" -> 9000;
        case "loop.flow" -> 4.3;
        default -> 0;
      };
      statuses[s.index()] = 0;
    }
    for (Entity e : inventory.entities()) {
      states[e.index()] = e.entityClass() == EntityClass.PORT
          ? new EntityStatus(OperState.UP, "", 4, 800_000, true) : EntityStatus.of(OperState.UP);
    }
    return this;
  }

  public TestClock testClock() {
    return clock;
  }

  /** Sets one reading, e.g. {@code set("els1/laser3:temp", 61)}. */
  public synchronized FakeSwitch set(String sensorId, double value) {
    values[sensor(sensorId).index()] = value;
    return this;
  }

  public double value(String sensorId) {
    return values[sensor(sensorId).index()];
  }

  /** Makes every HAL read fail (true) or succeed again (false). */
  public FakeSwitch failReads(boolean fail) {
    failReads = fail;
    return this;
  }

  /** A laser stops emitting: its 4 lanes go dark, its 4 ports drop to 3 lanes. */
  public synchronized FakeSwitch failLaser(String laser) {
    state(laser, new EntityStatus(OperState.FAILED, "apc-loop-failure", 0, 0, true));
    set(laser + ":bias", 0);
    set(laser + ":tx_power", -40);
    for (LaneRef lane : inventory.mappingOf(laser).orElseThrow().lanes()) {
      darken(lane);
    }
    return this;
  }

  /** The laser module is pulled: all its lasers absent, all 8 ports dark. */
  public synchronized FakeSwitch removeModule(String els) {
    state(els, EntityStatus.of(OperState.ABSENT));
    for (Entity laser : inventory.children(els)) {
      state(laser.name(), EntityStatus.of(OperState.ABSENT));
      for (Sensor s : inventory.sensorsOf(laser.name())) {
        statuses[s.index()] = 1;
      }
      for (LaneRef lane : inventory.mappingOf(laser.name()).orElseThrow().lanes()) {
        darken(lane);
      }
    }
    for (Sensor s : inventory.sensorsOf(els)) {
      statuses[s.index()] = 1;
    }
    return this;
  }

  public synchronized FakeSwitch state(String entity, EntityStatus status) {
    states[inventory.require(entity).index()] = status;
    return this;
  }

  public EntityStatus state(String entity) {
    return states[inventory.require(entity).index()];
  }

  /** Raises a module's interrupt line, as the hardware does when a flag latches. */
  public void interrupt(String module) {
    listener.onInterrupt(module);
  }

  /** Controls the agent used, in order, e.g. {@code laser els1/laser3 enabled=false}. */
  public List<String> controls() {
    return controls;
  }

  private void darken(LaneRef lane) {
    state(lane.laneName(), EntityStatus.of(OperState.DOWN));
    set(lane.laneName() + ":rx_power", -40);
    EntityStatus port = state(lane.portName());
    int up = Math.max(0, port.lanesUp() - 1);
    state(lane.portName(), new EntityStatus(up == 0 ? OperState.DOWN : OperState.DEGRADED, "", up,
        up * 200_000L, true));
  }

  private Sensor sensor(String id) {
    for (Sensor s : inventory.sensors()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no sensor " + id);
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
  public synchronized HalSnapshot snapshot() throws HalException {
    if (failReads) {
      throw new HalException("i2c bus timeout (fake)");
    }
    long now = clock.millis();
    long[] ts = new long[values.length];
    Arrays.fill(ts, now);
    long[][] ports = new long[CounterKind.values().length][];
    long[][] lanes = new long[CounterKind.values().length][];
    for (CounterKind k : CounterKind.values()) {
      if (k.entityClass() == EntityClass.PORT) {
        ports[k.ordinal()] = new long[8];
      } else {
        lanes[k.ordinal()] = new long[32];
      }
    }
    return new HalSnapshot(++seq, now, inventory, values.clone(), statuses.clone(), ts, states.clone(), ports, lanes);
  }

  @Override
  public List<LatchedFlag> readAndClearFlags(String module) {
    return List.of();
  }

  @Override
  public void setInterruptListener(InterruptListener listener) {
    this.listener = listener;
  }

  @Override
  public synchronized void setLaserEnabled(String laser, boolean enabled) {
    controls.add("laser " + laser + " enabled=" + enabled);
    state(laser, enabled ? EntityStatus.of(OperState.UP) : new EntityStatus(OperState.DISABLED, "", 0, 0, false));
  }

  @Override
  public void setPortAdminUp(String port, boolean up) {
    controls.add("port " + port + " up=" + up);
  }

  @Override
  public void setFanSpeedPercent(String fan, double percent) {
    controls.add("fan " + fan + " speed=" + percent);
  }

  @Override
  public synchronized void setAsicShutdown(String asic, boolean shutdown) {
    controls.add("asic " + asic + " shutdown=" + shutdown);
    state(asic, shutdown ? EntityStatus.of(OperState.DISABLED) : EntityStatus.of(OperState.UP));
  }

  @Override
  public void close() {}

  private static void add(List<Entity> es, String name, EntityClass c, String parent, int pos, boolean fru) {
    es.add(new Entity(es.size(), name, c, parent, pos, fru, fru ? "SN" + es.size() : "", "fake", name));
  }

  private static void sensor(List<Sensor> ss, String entity, EntityClass c, SensorKind kind, boolean slow) {
    ss.add(new Sensor(ss.size(), entity, c, kind, slow));
  }
}
