package dev.cpo.agent.snmp.ifmib;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import java.util.List;

/** The ports of an inventory by ifIndex, and how their HAL state reads in IF-MIB terms. */
final class Ports {

  /** IF-MIB ifOperStatus / ifAdminStatus values. */
  static final int UP = 1;
  static final int DOWN = 2;
  static final int NOT_PRESENT = 6;

  private final Inventory inventory;
  private final int[] entityIndexByPort;

  Ports(Inventory inventory) {
    this.inventory = inventory;
    this.entityIndexByPort = new int[inventory.portCount()];
    List<Entity> ports = inventory.entitiesOf(EntityClass.PORT);
    if (ports.size() != inventory.portCount()) {
      throw new IllegalArgumentException("inventory lists " + ports.size() + " ports, expected " + inventory.portCount());
    }
    for (Entity port : ports) {
      int n = port.port();
      if (n < 1 || n > entityIndexByPort.length) {
        throw new IllegalArgumentException("port entity " + port.name() + " is outside 1.." + entityIndexByPort.length);
      }
      entityIndexByPort[n - 1] = port.index();
    }
  }

  /** The ifIndex of a port entity by name (its port number); -1 for a name that is no port. */
  int ifIndex(String entityName) {
    return inventory.entity(entityName).filter(e -> e.entityClass() == EntityClass.PORT).map(Entity::port).orElse(-1);
  }

  int count() {
    return entityIndexByPort.length;
  }

  Inventory inventory() {
    return inventory;
  }

  /** The inventory entity of port {@code ifIndex}. */
  Entity entity(int ifIndex) {
    return inventory.entities().get(entityIndexByPort[ifIndex - 1]);
  }

  int entityIndex(int ifIndex) {
    return entityIndexByPort[ifIndex - 1];
  }

  /** ifOperStatus: up while any lane carries traffic (UP or DEGRADED), notPresent when absent, else down. */
  static int operStatus(EntityStatus status) {
    if (!status.adminUp()) {
      return DOWN;
    }
    OperState s = status.state();
    if (s == OperState.UP || s == OperState.DEGRADED) {
      return UP;
    }
    return s == OperState.ABSENT ? NOT_PRESENT : DOWN;
  }

  static int adminStatus(EntityStatus status) {
    return status.adminUp() ? UP : DOWN;
  }

  /**
   * Current bandwidth in Mb/s: lanes up x lane rate while up or degraded; the nominal speed otherwise,
   * as RFC 2863 asks where no current figure can be given.
   */
  long speedMbps(EntityStatus status) {
    OperState s = status.state();
    if ((s == OperState.UP || s == OperState.DEGRADED) && status.speedMbps() > 0) {
      return status.speedMbps();
    }
    return inventory.portSpeedMbps();
  }
}
