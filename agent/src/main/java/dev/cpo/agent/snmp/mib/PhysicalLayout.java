package dev.cpo.agent.snmp.mib;

import dev.cpo.hal.Entity;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import java.util.List;
import org.snmp4j.smi.OID;

/**
 * How the inventory maps onto entPhysicalIndex, computed once per inventory and shared by every module.
 * Entities come first ({@code entPhysicalIndex = Entity.index() + 1}); each sensor then gets its own
 * entPhysicalTable row of class sensor(8), as ENTITY-SENSOR-MIB requires, at
 * {@code entityCount + Sensor.index() + 1}, contained in its entity. Both are stable for the life of the
 * HAL, because hot-swappable entities stay in the inventory while absent.
 */
final class PhysicalLayout {

  private final Inventory inventory;
  private final int entityCount;
  private final int[] parent;
  private final int[] sensorEntity;
  private final OID[] indexes;

  PhysicalLayout(Inventory inventory) {
    this.inventory = inventory;
    List<Entity> entities = inventory.entities();
    this.entityCount = entities.size();
    this.parent = new int[entityCount];
    for (Entity e : entities) {
      parent[e.index()] = e.parent() == null ? -1 : inventory.require(e.parent()).index();
    }
    List<Sensor> sensors = inventory.sensors();
    this.sensorEntity = new int[sensors.size()];
    for (Sensor s : sensors) {
      sensorEntity[s.index()] = inventory.require(s.entity()).index();
    }
    this.indexes = new OID[entityCount + sensors.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = new OID(new int[] {i + 1});
    }
  }

  Inventory inventory() {
    return inventory;
  }

  int entityCount() {
    return entityCount;
  }

  /** Entities plus sensors: the number of entPhysicalTable positions. */
  int size() {
    return indexes.length;
  }

  /** The one-sub-identifier index OID of a 0-based position. */
  OID index(int position) {
    return indexes[position];
  }

  static int ofEntity(int entityIndex) {
    return entityIndex + 1;
  }

  int ofSensor(int sensorIndex) {
    return entityCount + sensorIndex + 1;
  }

  /** entPhysicalIndex of an entity by name, or 0 when there is no such entity. */
  int ofEntity(String name) {
    return name == null ? 0 : inventory.entity(name).map(e -> e.index() + 1).orElse(0);
  }

  /** Whether a 0-based position is a sensor row. */
  boolean isSensor(int position) {
    return position >= entityCount;
  }

  Sensor sensorAt(int position) {
    return inventory.sensors().get(position - entityCount);
  }

  /** 0-based entity index of an entity's parent, or -1 for the chassis. */
  int parentOf(int entityIndex) {
    return parent[entityIndex];
  }

  /** 0-based entity index of the entity a sensor belongs to. */
  int entityOfSensor(int sensorIndex) {
    return sensorEntity[sensorIndex];
  }

  /** Whether an entity is there: neither it nor anything containing it is absent (a pulled module). */
  boolean entityPresent(HalSnapshot hal, int entityIndex) {
    for (int e = entityIndex; e >= 0; e = parent[e]) {
      if (hal.entityStatus(e).state() == OperState.ABSENT) {
        return false;
      }
    }
    return true;
  }

  /** Whether the entPhysicalTable row at a 0-based position exists in this snapshot. */
  boolean present(HalSnapshot hal, int position) {
    int entity = isSensor(position) ? sensorEntity[position - entityCount] : position;
    return entityPresent(hal, entity);
  }
}
