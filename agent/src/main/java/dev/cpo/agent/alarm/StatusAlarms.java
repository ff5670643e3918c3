package dev.cpo.agent.alarm;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.OperState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alarm candidates from entity states: failed lasers, pulled laser modules, shut-down ASICs, failed
 * engines and fans (root causes, each naming the ports and lanes it took down), and the ports and
 * lanes that went dark (which the alarm table links to their root cause).
 */
public final class StatusAlarms {

  private final Inventory inventory;
  private final int[] watched;
  // Per watched entity: the status its candidate was made from, and the candidate (null: none). A
  // candidate depends on nothing but the entity and its status, so while the status stays the same the
  // same candidate stands: a cycle builds texts only for what changed, not for every fault still active.
  private final EntityStatus[] madeFrom;
  private final AlarmCandidate[] made;
  private final Map<String, List<String>> affectedByEntity = new HashMap<>();
  private final Map<String, List<String>> portsByEntity = new HashMap<>();

  public StatusAlarms(Inventory inventory) {
    this.inventory = inventory;
    List<Integer> w = new ArrayList<>();
    for (Entity e : inventory.entities()) {
      switch (e.entityClass()) {
        case LASER, LASER_MODULE, ASIC, OPTICAL_ENGINE, FAN, PORT, LANE, COOLING_LOOP -> w.add(e.index());
        default -> { }
      }
    }
    watched = w.stream().mapToInt(Integer::intValue).toArray();
    madeFrom = new EntityStatus[watched.length];
    made = new AlarmCandidate[watched.length];
    Map<String, Set<LaneRef>> affected = new HashMap<>();
    for (LaserMapping m : inventory.laserMappings()) {
      List<LaneRef> lanes = m.lanes();
      affected.computeIfAbsent(m.laser(), k -> new HashSet<>()).addAll(lanes);
      inventory.entity(m.laser()).map(Entity::parent)
          .ifPresent(els -> affected.computeIfAbsent(els, k -> new HashSet<>()).addAll(lanes));
      for (String oe : m.engines()) {
        affected.computeIfAbsent(oe, k -> new HashSet<>()).addAll(lanes);
        inventory.entity(oe).map(Entity::parent).flatMap(inventory::entity)
            .filter(p -> p.entityClass() == EntityClass.ASIC)
            .ifPresent(asic -> affected.computeIfAbsent(asic.name(), k -> new HashSet<>()).addAll(lanes));
      }
    }
    affected.forEach((k, v) -> {
      affectedByEntity.put(k, portsThenLanes(v, true));
      portsByEntity.put(k, portsThenLanes(v, false));
    });
  }

  /** The ports and lanes an entity's failure takes down (empty when it feeds none). */
  public List<String> affectedBy(String entity) {
    return affectedByEntity.getOrDefault(entity, List.of());
  }

  /** Adds a candidate for every entity in an abnormal state. */
  public void detect(HalSnapshot snap, Map<String, AlarmCandidate> out) {
    for (int k = 0; k < watched.length; k++) {
      EntityStatus st = snap.entityStatus(watched[k]);
      OperState s = st.state();
      if (s == OperState.UP || s == OperState.RAMPING) {
        continue;
      }
      AlarmCandidate c;
      if (st == madeFrom[k] || st.equals(madeFrom[k])) {
        c = made[k];
      } else {
        c = candidate(inventory.entities().get(watched[k]), st);
        madeFrom[k] = st;
        made[k] = c;
      }
      if (c != null) {
        out.put(c.id(), c);
      }
    }
  }

  private AlarmCandidate candidate(Entity e, EntityStatus st) {
    String name = e.name();
    OperState s = st.state();
    String code = st.faultCode().isEmpty() ? "" : " (" + st.faultCode() + ")";
    return switch (e.entityClass()) {
      case LASER -> switch (s) {
        case FAILED -> root(AlarmConditions.LASER_FAILURE, name, "Laser " + name + " failed" + code);
        // A laser of a shut-down module is the module's alarm (els-shutdown), not one of its own.
        case DISABLED -> st.faultCode().equals("module-shutdown") ? null
            : root(AlarmConditions.LASER_DISABLED, name, "Laser " + name + " is disabled");
        default -> null;
      };
      case LASER_MODULE -> switch (s) {
        case ABSENT -> root(AlarmConditions.ELS_REMOVED, name, "Laser module " + name + " was removed");
        case FAILED, DOWN -> root(AlarmConditions.ELS_FAILURE, name, "Laser module " + name + " failed" + code);
        case DISABLED -> root(AlarmConditions.ELS_SHUTDOWN, name, "Laser module " + name
            + " is shut down: its lasers and TECs are off");
        default -> null;
      };
      case ASIC -> switch (s) {
        case DISABLED -> root(AlarmConditions.ASIC_SHUTDOWN, name, "Switch ASIC " + name + " is shut down");
        case FAILED, DOWN -> root(AlarmConditions.ASIC_FAILURE, name, "Switch ASIC " + name + " failed" + code);
        default -> null;
      };
      case OPTICAL_ENGINE -> s == OperState.FAILED || s == OperState.DOWN
          ? root(AlarmConditions.OE_FAILURE, name, "Optical engine " + name + " failed" + code) : null;
      case FAN -> s == OperState.FAILED || s == OperState.DOWN
          ? AlarmCandidate.root(AlarmConditions.FAN_FAILURE, name, "Fan unit " + name + " failed" + code, List.of())
          : null;
      case COOLING_LOOP -> s == OperState.FAILED || s == OperState.DOWN || s == OperState.DEGRADED
          ? AlarmCandidate.root(AlarmConditions.COOLANT_FLOW_LOSS, name,
              "Coolant loop " + name + " lost its flow" + code, List.of())
          : null;
      case PORT -> onlyInitialising(st) ? null : switch (s) {
        case DEGRADED -> AlarmCandidate.of(AlarmConditions.PORT_DEGRADED, name, "Port " + name
            + " is degraded: " + st.lanesUp() + " of " + inventory.lanesPerPort() + " lanes up" + reason(st));
        case DOWN -> st.adminUp()
            ? AlarmCandidate.of(AlarmConditions.PORT_DOWN, name, "Port " + name + " is down" + reason(st)) : null;
        default -> null;
      };
      case LANE -> lane(name, st);
      default -> null;
    };
  }

  /** A lane's alarm says what its receiver and the far end report (the HAL's fault code). */
  private static AlarmCandidate lane(String name, EntityStatus st) {
    String code = st.faultCode();
    if (st.state() == OperState.DEGRADED) {
      return code.contains("fec-degraded")
          ? AlarmCandidate.of(AlarmConditions.LANE_FEC_DEGRADED, name, "FEC degraded on " + name
              + ": its symbol error rate passed the receiver's degrade level") : null;
    }
    if (st.state() != OperState.DOWN || !st.adminUp() || code.equals("initialising")) {
      // A lane whose laser initialises or ramps, or that trains, comes up on its own: nothing to alarm.
      return null;
    }
    if (code.contains("tx-fault")) {
      return AlarmCandidate.of(AlarmConditions.LANE_TX_FAULT, name, "Transmitter fault on " + name
          + ": its laser sends no light" + (code.contains("remote-fault") ? "; the far end reports a remote fault" : ""));
    }
    if (code.contains("los") || code.isEmpty()) {
      return AlarmCandidate.of(AlarmConditions.LANE_LOS, name, "Loss of signal on " + name);
    }
    if (code.contains("loss-of-lock")) {
      return AlarmCandidate.of(AlarmConditions.LANE_LOSS_OF_LOCK, name, "Loss of lock on " + name
          + ": light arrives but too many errors to align");
    }
    return AlarmCandidate.of(AlarmConditions.LANE_REMOTE_FAULT, name, "Remote fault on " + name
        + ": the far end does not receive its light");
  }

  /** A port not fully up only because lanes are initialising (a module just inserted, a laser enabled). */
  private static boolean onlyInitialising(EntityStatus st) {
    String code = st.faultCode();
    if (code.isEmpty()) {
      return false;
    }
    for (String lane : code.replace("pcs:", "").split(" ")) {
      if (!lane.endsWith(":initialising")) {
        return false;
      }
    }
    return true;
  }

  private static String reason(EntityStatus st) {
    return st.faultCode().isEmpty() ? "" : " (" + st.faultCode() + ")";
  }

  private AlarmCandidate root(AlarmCondition condition, String entity, String text) {
    List<String> affected = affectedBy(entity);
    List<String> ports = portsByEntity.getOrDefault(entity, List.of());
    String tail = ports.isEmpty() ? "" : "; ports " + String.join(", ", ports) + " lose light";
    return AlarmCandidate.root(condition, entity, text + tail, affected);
  }

  /** The ports these lanes are on, by port number, then (with {@code andLanes}) the lanes by port and lane. */
  private static List<String> portsThenLanes(Set<LaneRef> lanes, boolean andLanes) {
    List<LaneRef> sorted = new ArrayList<>(lanes);
    sorted.sort(Comparator.comparingInt(LaneRef::port).thenComparingInt(LaneRef::lane));
    Set<String> out = new LinkedHashSet<>();
    sorted.forEach(l -> out.add(l.portName()));
    if (andLanes) {
      sorted.forEach(l -> out.add(l.laneName()));
    }
    return List.copyOf(out);
  }
}
