package dev.cpo.agent.alarm;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.SensorKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says what to replace for an alarm on an entity, from the inventory's field-replaceable flags: the
 * nearest field-replaceable entity containing it, else the switch itself. For link conditions it follows
 * the evidence ({@link #forAlarm}): a lane's laser module lights what the lane sends, the far end what
 * it receives.
 */
public final class ServiceabilityAdvisor {

  /** Receive-side conditions that point at the connector: clean it, nothing local to replace. */
  private static final Set<AlarmCondition> CONNECTOR = Set.of(AlarmConditions.DIRTY_FIBRE,
      AlarmConditions.LANE_FEC_DEGRADED, AlarmConditions.LANE_LOSS_OF_LOCK,
      lane(SensorKind.RX_POWER, ThresholdLevel.LOW_WARNING), lane(SensorKind.RX_POWER, ThresholdLevel.LOW_ALARM));
  /** Transmit-side conditions: the lane's laser module lights what it sends. */
  private static final Set<AlarmCondition> TRANSMIT = Set.of(AlarmConditions.LANE_TX_FAULT,
      lane(SensorKind.TX_POWER, ThresholdLevel.LOW_WARNING), lane(SensorKind.TX_POWER, ThresholdLevel.LOW_ALARM));

  private final Inventory inventory;
  private final Map<String, String> laserByLane = new HashMap<>();
  private final Map<String, Serviceability> cache = new HashMap<>();

  public ServiceabilityAdvisor(Inventory inventory) {
    this.inventory = inventory;
    for (LaserMapping m : inventory.laserMappings()) {
      for (LaneRef lane : m.lanes()) {
        laserByLane.put(lane.laneName(), m.laser());
      }
    }
  }

  /** What to replace for an alarm on this entity. */
  public synchronized Serviceability forEntity(String entityName) {
    return cache.computeIfAbsent(entityName, this::compute);
  }

  /**
   * What to replace for this condition on this entity. Light problems follow the evidence: what a lane
   * receives comes from the far end through the fibre, so receive-side conditions name the fibre, the
   * connector or the far end and nothing local; what it transmits comes from its laser module.
   */
  public synchronized Serviceability forAlarm(AlarmCondition condition, String entityName) {
    String port = inventory.entity(entityName).filter(e -> e.entityClass() == EntityClass.LANE)
        .flatMap(e -> inventory.port(e.port())).map(Entity::name).orElse(entityName);
    if (condition == AlarmConditions.FAR_END_LOS) {
      return nothingLocal("Check the far end's transmitter on " + entityName + " and the fibre between; nothing in"
          + " this switch needs replacing (its own laser is healthy).");
    }
    if (condition == AlarmConditions.FAR_END_NO_LIGHT) {
      return nothingLocal("Check the fibre from " + entityName + " towards the far end and the far end's receiver;"
          + " nothing in this switch needs replacing (its own laser is healthy).");
    }
    if (condition == AlarmConditions.PORT_FIBRE_DARK) {
      return nothingLocal("Check the fibre and connector of " + port + " (clean, reseat or replace the patch cord),"
          + " then its far end; nothing in this switch needs replacing.");
    }
    if (CONNECTOR.contains(condition)) {
      return nothingLocal("Clean the connector of " + port + " at both ends (inspect it with a fibre scope); if the"
          + " loss stays, replace the patch cord. Nothing in this switch needs replacing.");
    }
    if (TRANSMIT.contains(condition)) {
      return laserModuleOf(entityName);
    }
    return forEntity(entityName);
  }

  /** The lane itself, or a port's first lane (whose laser module lights it). */
  private String laneOf(String entityName) {
    return inventory.entity(entityName).filter(e -> e.entityClass() == EntityClass.PORT)
        .flatMap(p -> inventory.children(p.name()).stream().filter(c -> c.entityClass() == EntityClass.LANE)
            .min(java.util.Comparator.comparingInt(Entity::lane)))
        .map(Entity::name).orElse(entityName);
  }

  private static AlarmCondition lane(SensorKind kind, ThresholdLevel level) {
    return AlarmConditions.threshold(new ThresholdClass(EntityClass.LANE, kind), level);
  }

  private static Serviceability nothingLocal(String advice) {
    return new Serviceability("", false, advice);
  }

  private Serviceability laserModuleOf(String entityName) {
    String lane = laneOf(entityName);
    String laser = laserByLane.get(lane);
    Optional<Entity> unit = laser == null ? Optional.empty() : replaceableUnit(laser);
    if (unit.isPresent()) {
      return new Serviceability(unit.get().name(), true, "Replace laser module " + unit.get().name()
          + " (field-replaceable): its laser " + laser + " lights " + entityName + ".");
    }
    return switchReplacement(entityName);
  }

  private Serviceability compute(String entityName) {
    Optional<Entity> entity = inventory.entity(entityName);
    if (entity.isEmpty()) {
      return switchReplacement(entityName);
    }
    Entity e = entity.get();
    if (e.entityClass() == EntityClass.COOLING_LOOP) {
      // The loop's plumbing is the facility's: nothing in the switch is to be replaced for it.
      return new Serviceability(e.name(), false, "Check the coolant supply of " + e.name()
          + " (pump, valves, blockage, inlet temperature); no switch part needs replacing.");
    }
    if (e.entityClass() == EntityClass.LANE || e.entityClass() == EntityClass.PORT) {
      String lane = laneOf(e.name());
      String laser = laserByLane.get(lane);
      Optional<Entity> unit = laser == null ? Optional.empty() : replaceableUnit(laser);
      if (unit.isPresent()) {
        // The lane's laser lights only what it sends; what it receives comes from the far end.
        return new Serviceability(unit.get().name(), true, "Check the fibre and connector of " + e.name()
            + " and its far end; if its transmit power is low, replace laser module " + unit.get().name()
            + " (field-replaceable).");
      }
      return switchReplacement(entityName);
    }
    Optional<Entity> unit = replaceableUnit(entityName);
    if (unit.isPresent()) {
      Entity u = unit.get();
      return new Serviceability(u.name(), true, "Replace " + noun(u) + " " + u.name() + " (field-replaceable).");
    }
    return switchReplacement(entityName);
  }

  private Serviceability switchReplacement(String entityName) {
    String what = inventory.entity(entityName).map(e -> noun(e) + " " + e.name()).orElse(entityName);
    return new Serviceability("chassis", false,
        "The " + what + " is not field-replaceable on this switch: replace the switch.");
  }

  private Optional<Entity> replaceableUnit(String name) {
    Optional<Entity> e = inventory.entity(name);
    while (e.isPresent()) {
      if (e.get().fieldReplaceable() && e.get().entityClass() != EntityClass.CHASSIS) {
        return e;
      }
      String parent = e.get().parent();
      e = parent == null ? Optional.empty() : inventory.entity(parent);
    }
    return Optional.empty();
  }

  private static String noun(Entity e) {
    return switch (e.entityClass()) {
      case LASER_MODULE -> "laser module";
      case LASER -> "laser";
      case OPTICAL_ENGINE -> "optical engine";
      case ASIC -> "switch ASIC";
      case FAN -> "fan unit";
      case COOLING_LOOP -> "cooling loop";
      case PORT -> "port";
      case LANE -> "lane";
      case POWER_INPUT -> "power input";
      case LEAK_SENSOR -> "leak sensor";
      case CHASSIS -> "switch";
    };
  }
}
