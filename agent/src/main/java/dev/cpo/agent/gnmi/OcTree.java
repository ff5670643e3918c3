package dev.cpo.agent.gnmi;

import dev.cpo.agent.gnmi.Leaf.Kind;
import dev.cpo.agent.gnmi.Values.Ident;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OpenConfig tree this target serves, built once from the inventory: every fixed leaf, plus the
 * alarm and threshold subtrees whose entries come and go. docs/gnmi.md has the table this builds.
 *
 * <ul>
 *   <li>{@code /components/component[name=E]} for the chassis, ASICs, optical engines, laser modules,
 *       lasers, ports, cooling loops, fans, the power input and leak sensors (openconfig-platform);
 *   <li>{@code /components/component[name=portN/transceiver]}: each port's co-packaged lanes as a
 *       TRANSCEIVER (non-pluggable) subcomponent of the PORT, one physical channel per lane, index
 *       lane - 1 (openconfig-platform-transceiver: "a component of type=TRANSCEIVER is expected to be a
 *       subcomponent of a PORT component"; channels are "keyed by index within a physical client port");
 *   <li>{@code /interfaces/interface[name=portN]} (openconfig-interfaces, -if-ethernet, -platform-port).
 * </ul>
 */
final class OcTree {

  static final String PLATFORM_TYPES = "openconfig-platform-types";
  static final String TRANSPORT_TYPES = "openconfig-transport-types";
  static final String IF_ETHERNET = "openconfig-if-ethernet";
  static final String IANA_IF_TYPE = "iana-if-type";

  private final Inventory inventory;
  private final List<Leaf> leaves = new ArrayList<>();
  private final Map<String, Elems> rels = new HashMap<>();
  private final AlarmTree alarms = new AlarmTree();
  private final ThresholdTree thresholds;

  OcTree(Inventory inventory, ThresholdService thresholdService) {
    this.inventory = inventory;
    this.thresholds = new ThresholdTree(inventory, thresholdService);
    Map<String, String> laserOfLane = new HashMap<>();
    for (LaserMapping m : inventory.laserMappings()) {
      for (LaneRef lane : m.lanes()) {
        laserOfLane.put(lane.laneName(), m.laser());
      }
    }
    for (Entity e : inventory.entities()) {
      if (e.entityClass() != EntityClass.LANE) {
        component(e);
      }
      if (e.entityClass() == EntityClass.PORT) {
        transceiver(e, laserOfLane);
        iface(e);
      }
    }
  }

  List<Leaf> leaves() {
    return leaves;
  }

  AlarmTree alarms() {
    return alarms;
  }

  ThresholdTree thresholds() {
    return thresholds;
  }

  Inventory inventory() {
    return inventory;
  }

  /** The fixed leaves at or under {@code p}. */
  List<Leaf> match(PathPattern p) {
    List<Leaf> out = new ArrayList<>();
    if (p.openconfig()) {
      for (Leaf l : leaves) {
        if (p.matches(l.prefix(), l.rel())) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** The dynamic subtrees {@code p} reaches into. */
  List<DynamicTree> dynamic(PathPattern p) {
    List<DynamicTree> out = new ArrayList<>(2);
    if (alarms.covers(p)) {
      out.add(alarms);
    }
    if (thresholds.covers(p)) {
      out.add(thresholds);
    }
    return out;
  }

  // ---- components

  private void component(Entity e) {
    Elems state = new Elems.Builder().add("components").add("component", "name", e.name()).add("state").build();
    int idx = e.index();
    fixed(state, "name", e.name());
    fixed(state, "type", new Ident(PLATFORM_TYPES, componentType(e.entityClass())));
    fixed(state, "description", e.description());
    if (e.parent() != null) {
      fixed(state, "parent", e.parent());
    }
    if (!e.serialNumber().isEmpty()) {
      fixed(state, "serial-no", e.serialNumber());
    }
    fixed(state, "part-no", e.model());
    fixed(state, "removable", e.fieldReplaceable());
    state(state, "oper-status", idx, v -> componentStatus(v.status(idx)));
    if (e.fieldReplaceable() || e.entityClass() == EntityClass.LASER) {
      state(state, "empty", idx, v -> v.status(idx).state() == OperState.ABSENT);
    }
    inventory.sensor(e.name(), SensorKind.TEMPERATURE)
        .ifPresent(s -> stats(state, "temperature", s, 1));
    if (e.entityClass() == EntityClass.PORT) {
      Elems group = new Elems.Builder().add("components").add("component", "name", e.name()).add("port")
          .add("breakout-mode").add("groups").add("group", "index", "0").add("state").build();
      fixed(group, "index", 0L);
      fixed(group, "num-breakouts", 1L);
      fixed(group, "breakout-speed", new Ident(IF_ETHERNET, speed(inventory.portSpeedMbps())));
      fixed(group, "num-physical-channels", (long) inventory.lanesPerPort());
      Elems sub = new Elems.Builder().add("components").add("component", "name", e.name()).add("subcomponents")
          .add("subcomponent", "name", transceiverName(e.name())).add("state").build();
      fixed(sub, "name", transceiverName(e.name()));
    }
  }

  static String transceiverName(String port) {
    return port + "/transceiver";
  }

  private static String componentType(EntityClass c) {
    return switch (c) {
      case CHASSIS -> "CHASSIS";
      // An optical engine is a photonic integrated circuit; OpenConfig has no laser identity, and a
      // laser is a chip inside its laser module.
      case ASIC, OPTICAL_ENGINE, LASER -> "INTEGRATED_CIRCUIT";
      case LASER_MODULE -> "FRU";
      case PORT -> "PORT";
      case FAN -> "FAN";
      case POWER_INPUT -> "POWER_SUPPLY";
      // A cooling loop shows only its coolant readings; OpenConfig has no cooling-loop identity.
      case COOLING_LOOP, LEAK_SENSOR, LANE -> "SENSOR";
    };
  }

  /** COMPONENT_OPER_STATUS. */
  static Ident componentStatus(EntityStatus s) {
    return new Ident(PLATFORM_TYPES, switch (s.state()) {
      case UP, DEGRADED, RAMPING -> "ACTIVE";
      case DISABLED -> "DISABLED";
      case DOWN, FAILED, ABSENT -> "INACTIVE";
    });
  }

  // ---- transceivers: one per port, a channel per lane

  private void transceiver(Entity port, Map<String, String> laserOfLane) {
    String name = transceiverName(port.name());
    int portIdx = port.index();
    Elems state = new Elems.Builder().add("components").add("component", "name", name).add("state").build();
    fixed(state, "name", name);
    fixed(state, "type", new Ident(PLATFORM_TYPES, "TRANSCEIVER"));
    fixed(state, "parent", port.name());
    fixed(state, "removable", false);
    fixed(state, "description", "co-packaged optical lanes of " + port.name() + " (not pluggable)");
    state(state, "oper-status", portIdx, v -> componentStatus(v.status(portIdx)));
    Elems tstate = new Elems.Builder().add("components").add("component", "name", name).add("transceiver")
        .add("state").build();
    fixed(tstate, "present", "PRESENT");
    fixed(tstate, "form-factor", new Ident(TRANSPORT_TYPES, "NON_PLUGGABLE"));
    for (Entity lane : inventory.children(port.name())) {
      if (lane.entityClass() != EntityClass.LANE) {
        continue;
      }
      int index = lane.relativePosition() - 1;
      Elems ch = new Elems.Builder().add("components").add("component", "name", name).add("transceiver")
          .add("physical-channels").add("channel", "index", Integer.toString(index)).add("state").build();
      fixed(ch, "index", (long) index);
      String laser = laserOfLane.get(lane.name());
      fixed(ch, "description", lane.name() + (laser != null ? ", light from " + laser : ""));
      inventory.sensor(lane.name(), SensorKind.TX_POWER).ifPresent(s -> stats(ch, "output-power", s, 2));
      inventory.sensor(lane.name(), SensorKind.RX_POWER).ifPresent(s -> stats(ch, "input-power", s, 2));
      if (laser != null) {
        int laserIdx = inventory.require(laser).index();
        state(ch, "tx-laser", laserIdx, v -> {
          EntityStatus s = v.status(laserIdx);
          return s.adminUp() && s.state() != OperState.DISABLED && s.state() != OperState.ABSENT;
        });
        inventory.sensor(laser, SensorKind.BIAS_CURRENT).ifPresent(s -> stats(ch, "laser-bias-current", s, 2));
        inventory.sensor(laser, SensorKind.TEMPERATURE).ifPresent(s -> stats(ch, "laser-temperature", s, 1));
        inventory.sensor(laser, SensorKind.LASER_AGE).ifPresent(s -> analog(ch, "laser-age", v -> {
          if (!v.hal().available(s.index())) {
            return null;
          }
          return Math.max(0L, Math.min(100L, Math.round(v.hal().value(s.index()))));
        }));
      }
    }
  }

  // ---- interfaces

  private void iface(Entity port) {
    int idx = port.index();
    int number = Integer.parseInt(port.name().substring("port".length()));
    Elems state = new Elems.Builder().add("interfaces").add("interface", "name", port.name()).add("state").build();
    fixed(state, "name", port.name());
    fixed(state, "type", new Ident(IANA_IF_TYPE, "ethernetCsmacd"));
    fixed(state, "description", port.description());
    fixed(state, "ifindex", (long) number);
    fixed(state, "hardware-port", port.name());
    state(state, "enabled", idx, v -> v.status(idx).adminUp());
    state(state, "admin-status", idx, v -> v.status(idx).adminUp() ? "UP" : "DOWN");
    state(state, "oper-status", idx, v -> ifOperStatus(v.status(idx)));
    counter(state, "counters/in-octets", number, CounterKind.RX_OCTETS);
    counter(state, "counters/out-octets", number, CounterKind.TX_OCTETS);
    counter(state, "counters/in-unicast-pkts", number, CounterKind.RX_UNICAST_PACKETS);
    counter(state, "counters/out-unicast-pkts", number, CounterKind.TX_UNICAST_PACKETS);
    counter(state, "counters/in-multicast-pkts", number, CounterKind.RX_MULTICAST_PACKETS);
    counter(state, "counters/out-multicast-pkts", number, CounterKind.TX_MULTICAST_PACKETS);
    counter(state, "counters/in-broadcast-pkts", number, CounterKind.RX_BROADCAST_PACKETS);
    counter(state, "counters/out-broadcast-pkts", number, CounterKind.TX_BROADCAST_PACKETS);
    counter(state, "counters/in-errors", number, CounterKind.RX_ERRORS);
    counter(state, "counters/in-discards", number, CounterKind.RX_DISCARDS);
    add(state, "counters/in-pkts", Kind.COUNTER, -1, v -> v.hal().portCounter(CounterKind.RX_UNICAST_PACKETS, number)
        + v.hal().portCounter(CounterKind.RX_MULTICAST_PACKETS, number)
        + v.hal().portCounter(CounterKind.RX_BROADCAST_PACKETS, number));
    add(state, "counters/out-pkts", Kind.COUNTER, -1, v -> v.hal().portCounter(CounterKind.TX_UNICAST_PACKETS, number)
        + v.hal().portCounter(CounterKind.TX_MULTICAST_PACKETS, number)
        + v.hal().portCounter(CounterKind.TX_BROADCAST_PACKETS, number));
    Elems eth = new Elems.Builder().add("interfaces").add("interface", "name", port.name()).add("ethernet")
        .add("state").build();
    fixed(eth, "port-speed", new Ident(IF_ETHERNET, speed(inventory.portSpeedMbps())));
    state(eth, "negotiated-port-speed", idx, v -> new Ident(IF_ETHERNET, speed(v.status(idx).speedMbps())));
  }

  /**
   * RFC 2863 / openconfig-interfaces oper-status, as IF-MIB's ifOperStatus reads the same port: up while
   * any lane carries traffic (a degraded port is up at a lower negotiated-port-speed).
   */
  static String ifOperStatus(EntityStatus s) {
    return switch (s.state()) {
      case UP, DEGRADED -> "UP";
      case ABSENT -> "NOT_PRESENT";
      default -> "DOWN";
    };
  }

  /** ETHERNET_SPEED identity for a speed in Mb/s. */
  static String speed(long mbps) {
    return switch ((int) (mbps / 1000)) {
      case 10 -> "SPEED_10GB";
      case 25 -> "SPEED_25GB";
      case 40 -> "SPEED_40GB";
      case 50 -> "SPEED_50GB";
      case 100 -> "SPEED_100GB";
      case 200 -> "SPEED_200GB";
      case 400 -> "SPEED_400GB";
      case 600 -> "SPEED_600GB";
      case 800 -> "SPEED_800GB";
      case 1600 -> "SPEED_1600GB";
      default -> "SPEED_UNKNOWN";
    };
  }

  // ---- leaf builders

  private Elems rel(String path) {
    return rels.computeIfAbsent(path, Elems::of);
  }

  private void add(Elems prefix, String rel, Kind kind, int entity, Function<View, Object> getter) {
    leaves.add(new Leaf(leaves.size(), prefix, rel(rel), kind, entity, getter));
  }

  private void fixed(Elems prefix, String rel, Object value) {
    add(prefix, rel, Kind.FIXED, -1, v -> value);
  }

  private void state(Elems prefix, String rel, int entity, Function<View, Object> getter) {
    add(prefix, rel, Kind.STATE, entity, getter);
  }

  private void analog(Elems prefix, String rel, Function<View, Object> getter) {
    add(prefix, rel, Kind.ANALOG, -1, getter);
  }

  private void counter(Elems prefix, String rel, int port, CounterKind kind) {
    add(prefix, rel, Kind.COUNTER, -1, v -> v.hal().portCounter(kind, port));
  }

  /** {@code container/instant|avg|min|max} of one sensor, rounded to the model's fraction digits. */
  private void stats(Elems prefix, String container, Sensor s, int digits) {
    int i = s.index();
    analog(prefix, container + "/instant", v -> v.hal().available(i) ? Values.round(v.hal().value(i), digits) : null);
    analog(prefix, container + "/avg", v -> finite(v.stats().avg(i), digits));
    analog(prefix, container + "/min", v -> finite(v.stats().min(i), digits));
    analog(prefix, container + "/max", v -> finite(v.stats().max(i), digits));
  }

  private static Double finite(double d, int digits) {
    return Double.isNaN(d) ? null : Values.round(d, digits);
  }

  /** The entity a fixed leaf's list entry names, for the docs table and tests. */
  Optional<Entity> entityOf(Leaf l) {
    for (int i = 0; i < l.prefix().size(); i++) {
      if ("name".equals(l.prefix().key(i))) {
        return inventory.entity(l.prefix().value(i).replace("/transceiver", ""));
      }
    }
    return Optional.empty();
  }
}
