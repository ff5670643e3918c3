package dev.cpo.agent.core;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.GuardedEventBus;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes StateChanged when a port, laser, laser module, ASIC or fan changes state, and
 * EntityRemoved / EntityAdded when a laser module is pulled or inserted. Compares each snapshot with
 * the previous one; the first snapshot only sets the baseline.
 */
final class StateWatcher {

  private final Inventory inventory;
  private final GuardedEventBus bus;
  private final int[] watched;
  private EntityStatus[] previous;

  StateWatcher(Inventory inventory, GuardedEventBus bus) {
    this.inventory = inventory;
    this.bus = bus;
    List<Integer> w = new ArrayList<>();
    for (Entity e : inventory.entities()) {
      switch (e.entityClass()) {
        case PORT, LASER, LASER_MODULE, ASIC, FAN, OPTICAL_ENGINE -> w.add(e.index());
        default -> { }
      }
    }
    watched = w.stream().mapToInt(Integer::intValue).toArray();
  }

  void observe(HalSnapshot snap) {
    long now = snap.timeMillis();
    EntityStatus[] current = new EntityStatus[watched.length];
    for (int k = 0; k < watched.length; k++) {
      current[k] = snap.entityStatus(watched[k]);
    }
    EntityStatus[] before = previous;
    previous = current;
    if (before == null) {
      return;
    }
    for (int k = 0; k < watched.length; k++) {
      EntityStatus a = before[k];
      EntityStatus b = current[k];
      if (a == b || a.equals(b)) {
        continue;
      }
      Entity e = inventory.entities().get(watched[k]);
      if (e.entityClass() == EntityClass.LASER_MODULE) {
        if (b.state() == OperState.ABSENT) {
          bus.publish(seq -> new AgentEvent.EntityRemoved(seq, now, e.name(), e.entityClass()));
        } else if (a.state() == OperState.ABSENT) {
          // A new unit: its own serial number and firmware, as the snapshot reads them.
          String serial = snap.serialNumber(e.index());
          String firmware = snap.firmwareRevision(e.index());
          bus.publish(seq -> new AgentEvent.EntityAdded(seq, now, e.name(), e.entityClass(), serial, firmware));
        }
      }
      bus.publish(seq -> new AgentEvent.StateChanged(seq, now, e.name(), e.entityClass(), a, b));
    }
  }
}
