package dev.cpo.hal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the switch is made of: entities with containment, sensors, and the laser -> lane -> port
 * mapping. Immutable. Entities that can be hot-swapped (laser modules and what they contain) stay in
 * the inventory while absent; their {@link EntityStatus} says {@link OperState#ABSENT}.
 */
public final class Inventory {

  private final String profile;
  private final String model;
  private final int portCount;
  private final int lanesPerPort;
  private final long laneRateMbps;
  private final List<Entity> entities;
  private final List<Sensor> sensors;
  private final List<LaserMapping> laserMappings;
  private final Map<String, Entity> entitiesByName;
  private final Map<String, List<Sensor>> sensorsByEntity;
  private final Map<String, LaserMapping> mappingByLaser;
  private final Map<String, List<Entity>> childrenByName;
  private final Map<Integer, Entity> portsByNumber;
  private final int[] ordinalInClass;

  /**
   * @param profile profile id, e.g. {@code quantum-x-photonics-115t}
   * @param model switch model name
   * @param portCount number of front-panel ports
   * @param lanesPerPort electrical/optical lanes per port
   * @param laneRateMbps rate of one lane in Mb/s (200000 for 200G)
   * @param entities every entity, with {@code entities.get(i).index() == i}
   * @param sensors every sensor, with {@code sensors.get(i).index() == i}
   * @param laserMappings one per laser
   */
  public Inventory(
      String profile,
      String model,
      int portCount,
      int lanesPerPort,
      long laneRateMbps,
      List<Entity> entities,
      List<Sensor> sensors,
      List<LaserMapping> laserMappings) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.model = Objects.requireNonNull(model, "model");
    this.portCount = portCount;
    this.lanesPerPort = lanesPerPort;
    this.laneRateMbps = laneRateMbps;
    this.entities = List.copyOf(entities);
    this.sensors = List.copyOf(sensors);
    this.laserMappings = List.copyOf(laserMappings);

    ordinalInClass = new int[this.entities.size()];
    Map<EntityClass, Integer> seen = new java.util.EnumMap<>(EntityClass.class);
    for (Entity e : this.entities) {
      int n = seen.merge(e.entityClass(), 1, Integer::sum);
      if (e.index() >= 0 && e.index() < ordinalInClass.length) {
        ordinalInClass[e.index()] = n - 1;
      }
    }
    Map<String, Entity> byName = new HashMap<>();
    Map<String, List<Entity>> children = new HashMap<>();
    Map<Integer, Entity> ports = new HashMap<>();
    for (int i = 0; i < this.entities.size(); i++) {
      Entity e = this.entities.get(i);
      if (e.index() != i) {
        throw new IllegalArgumentException("entity " + e.name() + " has index " + e.index() + ", expected " + i);
      }
      if (byName.put(e.name(), e) != null) {
        throw new IllegalArgumentException("duplicate entity name " + e.name());
      }
      if (e.entityClass() == EntityClass.PORT && ports.put(e.port(), e) != null) {
        throw new IllegalArgumentException("two entities are port " + e.port());
      }
      if (e.parent() != null) {
        children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e);
      }
    }
    for (Entity e : this.entities) {
      if (e.parent() != null && !byName.containsKey(e.parent())) {
        throw new IllegalArgumentException("entity " + e.name() + " has unknown parent " + e.parent());
      }
    }
    Map<String, List<Sensor>> sensorsBy = new HashMap<>();
    for (int i = 0; i < this.sensors.size(); i++) {
      Sensor s = this.sensors.get(i);
      if (s.index() != i) {
        throw new IllegalArgumentException("sensor " + s.id() + " has index " + s.index() + ", expected " + i);
      }
      if (!byName.containsKey(s.entity())) {
        throw new IllegalArgumentException("sensor " + s.id() + " names unknown entity " + s.entity());
      }
      sensorsBy.computeIfAbsent(s.entity(), k -> new ArrayList<>()).add(s);
    }
    Map<String, LaserMapping> mapping = new HashMap<>();
    for (LaserMapping m : this.laserMappings) {
      mapping.put(m.laser(), m);
    }
    this.entitiesByName = Map.copyOf(byName);
    this.sensorsByEntity = freeze(sensorsBy);
    this.mappingByLaser = Map.copyOf(mapping);
    this.childrenByName = freeze(children);
    this.portsByNumber = Map.copyOf(ports);
  }

  private static <T> Map<String, List<T>> freeze(Map<String, List<T>> m) {
    Map<String, List<T>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }

  public String profile() {
    return profile;
  }

  public String model() {
    return model;
  }

  public int portCount() {
    return portCount;
  }

  public int lanesPerPort() {
    return lanesPerPort;
  }

  public long laneRateMbps() {
    return laneRateMbps;
  }

  /** Full port speed in Mb/s (all lanes up). */
  public long portSpeedMbps() {
    return laneRateMbps * lanesPerPort;
  }

  public List<Entity> entities() {
    return entities;
  }

  /**
   * The entity's position among the entities of its class, from 0, in inventory order: a laser's index
   * in {@link HalSnapshot#laserFlags()}.
   */
  public int ordinalInClass(Entity e) {
    return ordinalInClass[e.index()];
  }

  public List<Sensor> sensors() {
    return sensors;
  }

  public List<LaserMapping> laserMappings() {
    return laserMappings;
  }

  public Optional<Entity> entity(String name) {
    return Optional.ofNullable(entitiesByName.get(name));
  }

  /** The entity of that name; throws {@link IllegalArgumentException} naming it when there is none. */
  public Entity require(String name) {
    Entity e = entitiesByName.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown entity '" + name + "'");
    }
    return e;
  }

  /** Direct children of an entity, in inventory order. */
  public List<Entity> children(String name) {
    return childrenByName.getOrDefault(name, List.of());
  }

  public List<Sensor> sensorsOf(String entity) {
    return sensorsByEntity.getOrDefault(entity, List.of());
  }

  public Optional<Sensor> sensor(String entity, SensorKind kind) {
    for (Sensor s : sensorsOf(entity)) {
      if (s.kind() == kind) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public Optional<LaserMapping> mappingOf(String laser) {
    return Optional.ofNullable(mappingByLaser.get(laser));
  }

  public List<Entity> entitiesOf(EntityClass entityClass) {
    List<Entity> out = new ArrayList<>();
    for (Entity e : entities) {
      if (e.entityClass() == entityClass) {
        out.add(e);
      }
    }
    return out;
  }

  /** The port entity numbered {@code port} (its ifIndex), if the switch has it. */
  public Optional<Entity> port(int port) {
    return Optional.ofNullable(portsByNumber.get(port));
  }

  /** Dense lane index of a lane entity. */
  public int laneIndex(Entity lane) {
    return laneIndex(lane.port(), lane.lane());
  }

  /** Dense lane index used by lane counters: {@code (port - 1) * lanesPerPort + (lane - 1)}. */
  public int laneIndex(int port, int lane) {
    return (port - 1) * lanesPerPort + (lane - 1);
  }
}
