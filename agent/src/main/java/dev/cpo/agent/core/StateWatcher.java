package dev.cpo.agent.core;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Finds StateChanged when a port, laser, laser module, ASIC or fan changes state, and EntityRemoved /
 * EntityAdded when a laser module is pulled or inserted. Compares each snapshot with the previous one;
 * the first snapshot only sets the baseline. It hands the events back rather than publishing them, so
 * the agent publishes them after the cycle's alarms ({@link Agent}).
 */
final class StateWatcher {

  private final Inventory inventory;
  private final int[] watched;
  private EntityStatus[] previous;

  StateWatcher(Inventory inventory) {
    this.inventory = inventory;
    List<Integer> w = new ArrayList<>();
    for (Entity e : inventory.entities()) {
      switch (e.entityClass()) {
        case PORT, LASER, LASER_MODULE, ASIC, FAN, OPTICAL_ENGINE -> w.add(e.index());
        default -> { }
      }
    }
    watched = w.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Compares the snapshot with the previous one.
   *
   * @param inventoryEvents where EntityRemoved / EntityAdded go (each factory takes the event's seq)
   * @param stateEvents where StateChanged go, in entity order
   */
  void observe(HalSnapshot snap, List<LongFunction<AgentEvent>> inventoryEvents,
      List<LongFunction<AgentEvent>> stateEvents) {
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
          inventoryEvents.add(seq -> new AgentEvent.EntityRemoved(seq, now, e.name(), e.entityClass()));
        } else if (a.state() == OperState.ABSENT) {
          // A new unit: its own serial number and firmware, as the snapshot reads them.
          String serial = snap.serialNumber(e.index());
          String firmware = snap.firmwareRevision(e.index());
          inventoryEvents.add(seq -> new AgentEvent.EntityAdded(seq, now, e.name(), e.entityClass(), serial, firmware));
        }
      }
      stateEvents.add(seq -> new AgentEvent.StateChanged(seq, now, e.name(), e.entityClass(), a, b));
    }
  }
}
