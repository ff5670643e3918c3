package dev.cpo.agent.mqtt;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.OperState;
import dev.cpo.hal.ReadingStatus;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built switch for MQTT tests until the simulator lands: the default profile's shape (4 ASICs,
 * 72 engines, 18 laser modules of 8, 144 ports of 8 lanes, 2 loops, 2 fans) or a small one, with
 * plausible readings. {@link #snapshot(long)} gives a fresh snapshot at a time.
 */
final class TestSwitch {

  private final Inventory inventory;

  private TestSwitch(int asics, int engines, int laserModules, int lasersPerModule, int ports, int lanesPerPort) {
    List<Entity> entities = new ArrayList<>();
    List<Sensor> sensors = new ArrayList<>();
    List<LaserMapping> mappings = new ArrayList<>();
    add(entities, sensors, "chassis", EntityClass.CHASSIS, null, 1, SensorKind.TEMPERATURE, SensorKind.POWER);
    for (int i = 1; i <= asics; i++) {
      add(entities, sensors, "asic" + i, EntityClass.ASIC, "chassis", i, SensorKind.TEMPERATURE, SensorKind.POWER);
    }
    for (int i = 1; i <= engines; i++) {
      add(entities, sensors, "oe" + i, EntityClass.OPTICAL_ENGINE, "asic" + ((i - 1) % asics + 1), i,
          SensorKind.TEMPERATURE);
    }
    int port = 1;
    for (int m = 1; m <= laserModules; m++) {
      add(entities, sensors, "els" + m, EntityClass.LASER_MODULE, "chassis", m, SensorKind.TEMPERATURE);
      for (int l = 1; l <= lasersPerModule; l++) {
        String laser = "els" + m + "/laser" + l;
        add(entities, sensors, laser, EntityClass.LASER, "els" + m, l, SensorKind.BIAS_CURRENT, SensorKind.TX_POWER,
            SensorKind.TEMPERATURE, SensorKind.LASER_AGE);
        int p = (port++ - 1) % ports + 1;
        mappings.add(new LaserMapping(laser, List.of(new LaneRef(p, 1), new LaneRef(p, 2), new LaneRef(p, 3),
            new LaneRef(p, 4)), List.of("oe" + ((p - 1) % engines + 1))));
      }
    }
    for (int p = 1; p <= ports; p++) {
      add(entities, sensors, "port" + p, EntityClass.PORT, "oe" + ((p - 1) % engines + 1), p);
      for (int l = 1; l <= lanesPerPort; l++) {
        add(entities, sensors, "port" + p + "/lane" + l, EntityClass.LANE, "port" + p, l, SensorKind.RX_POWER,
            SensorKind.TX_POWER, SensorKind.PRE_FEC_BER);
      }
    }
    for (int i = 1; i <= 2; i++) {
      add(entities, sensors, "loop" + i, EntityClass.COOLING_LOOP, "chassis", i, SensorKind.COOLANT_FLOW,
          SensorKind.COOLANT_INLET_TEMPERATURE, SensorKind.COOLANT_OUTLET_TEMPERATURE);
      add(entities, sensors, "fan" + i, EntityClass.FAN, "chassis", i, SensorKind.FAN_SPEED);
    }
    inventory = new Inventory("test-" + ports + "p", "CPO-TEST-" + ports, ports, lanesPerPort, 200_000, entities,
        sensors, mappings);
  }

  /** The default profile's shape: 144 ports, 144 lasers, about 1,500 entities. */
  static TestSwitch defaultSize() {
    return new TestSwitch(4, 72, 18, 8, 144, 8);
  }

  /** Small: 1 ASIC, 2 engines, 4 laser modules of 4 lasers, 4 ports of 4 lanes (els4/laser3 exists). */
  static TestSwitch small() {
    return new TestSwitch(1, 2, 4, 4, 4, 4);
  }

  Inventory inventory() {
    return inventory;
  }

  private static void add(List<Entity> entities, List<Sensor> sensors, String name, EntityClass c, String parent,
      int position, SensorKind... kinds) {
    entities.add(new Entity(entities.size(), name, c, parent, position, c == EntityClass.LASER_MODULE,
        c == EntityClass.LASER_MODULE ? "SN" + position : "", "M-" + c.key(), "test " + c.key()));
    for (SensorKind k : kinds) {
      sensors.add(new Sensor(sensors.size(), name, c, k,
          c == EntityClass.COOLING_LOOP || c == EntityClass.FAN || k == SensorKind.POWER));
    }
  }

  /** All up, readings plausible for their kind, every sensor read at {@code timeMillis}. */
  HalSnapshot snapshot(long timeMillis) {
    return snapshot(timeMillis, null);
  }

  /** As {@link #snapshot(long)}, with one entity (and its sensors' readings) unavailable or failed. */
  HalSnapshot snapshot(long timeMillis, String failedEntity) {
    int n = inventory.sensors().size();
    double[] values = new double[n];
    byte[] statuses = new byte[n];
    long[] ts = new long[n];
    for (Sensor s : inventory.sensors()) {
      values[s.index()] = typical(s.kind()) + (s.index() % 7) * 0.01;
      ts[s.index()] = timeMillis;
      if (s.entity().equals(failedEntity)) {
        statuses[s.index()] = (byte) ReadingStatus.UNAVAILABLE.ordinal();
      }
    }
    EntityStatus[] status = new EntityStatus[inventory.entities().size()];
    for (Entity e : inventory.entities()) {
      boolean failed = e.name().equals(failedEntity);
      status[e.index()] = e.entityClass() == EntityClass.PORT
          ? new EntityStatus(OperState.UP, "", inventory.lanesPerPort(), inventory.portSpeedMbps(), true)
          : failed ? new EntityStatus(OperState.FAILED, "apc-loop-failure", 0, 0, true) : EntityStatus.of(OperState.UP);
    }
    long[][] portCounters = new long[CounterKind.values().length][];
    long[][] laneCounters = new long[CounterKind.values().length][];
    for (CounterKind k : CounterKind.values()) {
      if (k.entityClass() == EntityClass.PORT) {
        portCounters[k.ordinal()] = new long[inventory.portCount()];
        java.util.Arrays.fill(portCounters[k.ordinal()], timeMillis / 1000);
      } else {
        laneCounters[k.ordinal()] = new long[inventory.portCount() * inventory.lanesPerPort()];
      }
    }
    return new HalSnapshot(timeMillis / 1000, timeMillis, inventory, values, statuses, ts, status, portCounters,
        laneCounters);
  }

  private static double typical(SensorKind k) {
    return switch (k) {
      case TEMPERATURE -> 55.0;
      case BIAS_CURRENT -> 120.0;
      case TX_POWER -> 3.5;
      case RX_POWER -> -2.0;
      case TEC_CURRENT -> 40.0;
      case PRE_FEC_BER -> 1e-8;
      case VOLTAGE -> 0.85;
      case POWER -> 450.0;
      case FAN_SPEED -> 9000.0;
      case COOLANT_FLOW -> 12.0;
      case COOLANT_INLET_TEMPERATURE -> 30.0;
      case COOLANT_OUTLET_TEMPERATURE -> 38.0;
      case LASER_AGE -> 5.0;
    };
  }
}
