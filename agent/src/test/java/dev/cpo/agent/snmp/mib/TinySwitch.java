package dev.cpo.agent.snmp.mib;

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
import java.util.Arrays;
import java.util.List;

/**
 * A hand-built two-port switch for MIB tests: chassis, one ASIC with one optical engine, two laser
 * modules of two lasers each (els1/laser1 feeds port1, els1/laser2 feeds port2), two ports of two lanes,
 * a fan. Tests set readings and states, then take a {@link #snapshot()}.
 */
final class TinySwitch {

  final Inventory inventory;
  private final double[] values;
  private final byte[] statuses;
  private final EntityStatus[] states;
  private final long[][] laneCounters = new long[CounterKind.values().length][];
  private long sequence;
  private long timeMillis = 1_700_000_000_000L;

  TinySwitch() {
    List<Entity> e = new ArrayList<>();
    add(e, "chassis", EntityClass.CHASSIS, null, 1, false, "CH-0001", "QX-115T", "115.2T CPO switch");
    add(e, "asic1", EntityClass.ASIC, "chassis", 1, false, "", "Spectrum-X", "switch ASIC");
    add(e, "oe1", EntityClass.OPTICAL_ENGINE, "asic1", 1, false, "OE-0001", "OE-1.6T", "1.6T optical engine");
    add(e, "els1", EntityClass.LASER_MODULE, "chassis", 1, true, "ELS-0001", "ELS-8", "external laser source");
    add(e, "els1/laser1", EntityClass.LASER, "els1", 1, false, "", "DFB", "laser");
    add(e, "els1/laser2", EntityClass.LASER, "els1", 2, false, "", "DFB", "laser");
    add(e, "els2", EntityClass.LASER_MODULE, "chassis", 2, true, "ELS-0002", "ELS-8", "external laser source");
    add(e, "els2/laser1", EntityClass.LASER, "els2", 1, false, "", "DFB", "laser");
    add(e, "els2/laser2", EntityClass.LASER, "els2", 2, false, "", "DFB", "laser");
    add(e, "port1", EntityClass.PORT, "chassis", 1, false, "", "OSFP-800G", "800G port");
    add(e, "port1/lane1", EntityClass.LANE, "port1", 1, false, "", "", "lane");
    add(e, "port1/lane2", EntityClass.LANE, "port1", 2, false, "", "", "lane");
    add(e, "port2", EntityClass.PORT, "chassis", 2, false, "", "OSFP-800G", "800G port");
    add(e, "port2/lane1", EntityClass.LANE, "port2", 1, false, "", "", "lane");
    add(e, "port2/lane2", EntityClass.LANE, "port2", 2, false, "", "", "lane");
    add(e, "fan1", EntityClass.FAN, "chassis", 1, true, "FAN-1", "FAN", "fan");
    List<Sensor> s = new ArrayList<>();
    sensor(s, "asic1", EntityClass.ASIC, SensorKind.TEMPERATURE);
    sensor(s, "oe1", EntityClass.OPTICAL_ENGINE, SensorKind.TEMPERATURE);
    for (String els : List.of("els1", "els2")) {
      sensor(s, els, EntityClass.LASER_MODULE, SensorKind.TEMPERATURE);
      sensor(s, els, EntityClass.LASER_MODULE, SensorKind.VOLTAGE);
      for (String l : List.of("/laser1", "/laser2")) {
        for (SensorKind k : List.of(SensorKind.BIAS_CURRENT, SensorKind.TX_POWER, SensorKind.TEMPERATURE,
            SensorKind.TEC_CURRENT, SensorKind.LASER_AGE)) {
          sensor(s, els + l, EntityClass.LASER, k);
        }
      }
    }
    for (String lane : List.of("port1/lane1", "port1/lane2", "port2/lane1", "port2/lane2")) {
      sensor(s, lane, EntityClass.LANE, SensorKind.RX_POWER);
      sensor(s, lane, EntityClass.LANE, SensorKind.TX_POWER);
      sensor(s, lane, EntityClass.LANE, SensorKind.PRE_FEC_BER);
    }
    sensor(s, "fan1", EntityClass.FAN, SensorKind.FAN_SPEED);
    List<LaserMapping> m = List.of(
        new LaserMapping("els1/laser1", List.of(new LaneRef(1, 1), new LaneRef(1, 2)), List.of("oe1")),
        new LaserMapping("els1/laser2", List.of(new LaneRef(2, 1), new LaneRef(2, 2)), List.of("oe1")));
    inventory = new Inventory("tiny", "QX-115T", 2, 2, 200_000, e, s, m);
    values = new double[s.size()];
    statuses = new byte[s.size()];
    states = new EntityStatus[e.size()];
    for (Entity x : e) {
      states[x.index()] = x.entityClass() == EntityClass.PORT
          ? new EntityStatus(OperState.UP, "", 2, 400_000, true) : EntityStatus.of(OperState.UP);
    }
    for (Sensor x : s) {
      values[x.index()] = switch (x.kind()) {
        case TEMPERATURE -> 45.25;
        case VOLTAGE -> 3.3;
        case BIAS_CURRENT -> 52.5;
        case TX_POWER -> 3.0;
        case RX_POWER -> -2.5;
        case TEC_CURRENT -> 41.0;
        case LASER_AGE -> 12.5;
        case PRE_FEC_BER -> 2.4e-5;
        case FAN_SPEED -> 9000;
        default -> 1;
      };
    }
    for (CounterKind k : CounterKind.values()) {
      laneCounters[k.ordinal()] = k.entityClass() == EntityClass.LANE ? new long[4] : null;
    }
  }

  private static void add(List<Entity> list, String name, EntityClass c, String parent, int pos, boolean fru,
      String serial, String model, String descr) {
    list.add(new Entity(list.size(), name, c, parent, pos, fru, serial, model, descr));
  }

  private static void sensor(List<Sensor> list, String entity, EntityClass c, SensorKind k) {
    list.add(new Sensor(list.size(), entity, c, k, k == SensorKind.FAN_SPEED));
  }

  Sensor sensor(String id) {
    return inventory.sensors().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  TinySwitch value(String sensorId, double v) {
    values[sensor(sensorId).index()] = v;
    statuses[sensor(sensorId).index()] = 0;
    return this;
  }

  TinySwitch status(String sensorId, ReadingStatus st) {
    statuses[sensor(sensorId).index()] = (byte) st.ordinal();
    return this;
  }

  TinySwitch state(String entity, OperState st) {
    states[inventory.require(entity).index()] = new EntityStatus(st, st == OperState.FAILED ? "apc-loop-failure" : "",
        0, 0, true);
    return this;
  }

  /** Pulls a laser module: it and its lasers are absent, their readings unavailable. */
  TinySwitch pull(String module) {
    state(module, OperState.ABSENT);
    for (Sensor s : inventory.sensors()) {
      if (s.entity().equals(module) || s.entity().startsWith(module + "/")) {
        statuses[s.index()] = (byte) ReadingStatus.UNAVAILABLE.ordinal();
      }
    }
    for (Entity e : inventory.children(module)) {
      state(e.name(), OperState.ABSENT);
    }
    return this;
  }

  TinySwitch laneCounter(CounterKind kind, int port, int lane, long v) {
    laneCounters[kind.ordinal()][inventory.laneIndex(port, lane)] = v;
    return this;
  }

  long timeMillis() {
    return timeMillis;
  }

  HalSnapshot snapshot() {
    long[] ts = new long[values.length];
    Arrays.fill(ts, timeMillis);
    long[][] lanes = new long[laneCounters.length][];
    long[][] ports = new long[laneCounters.length][];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = laneCounters[i] == null ? null : laneCounters[i].clone();
      ports[i] = laneCounters[i] == null ? new long[2] : null;
    }
    timeMillis += 1000;
    return new HalSnapshot(++sequence, timeMillis - 1000, inventory, values.clone(), statuses.clone(), ts,
        states.clone(), ports, lanes);
  }
}
