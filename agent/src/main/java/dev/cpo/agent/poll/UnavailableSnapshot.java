package dev.cpo.agent.poll;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import dev.cpo.hal.ReadingStatus;
import java.util.Arrays;

/**
 * The snapshot published when a HAL read failed or timed out: every reading marked unavailable (the
 * last values kept for reference, never for decisions), entity states and counters as last read, so
 * nothing looks like it changed.
 */
public final class UnavailableSnapshot {

  private UnavailableSnapshot() {}

  /**
   * @param previous the last good snapshot, or {@code null} when there has been none
   * @param nowMillis HAL clock time of the failed read
   */
  public static HalSnapshot of(Inventory inventory, HalSnapshot previous, long nowMillis) {
    int sensors = inventory.sensors().size();
    int entities = inventory.entities().size();
    double[] values = new double[sensors];
    long[] timestamps = new long[sensors];
    byte[] statuses = new byte[sensors];
    Arrays.fill(statuses, (byte) ReadingStatus.UNAVAILABLE.ordinal());
    EntityStatus[] states = new EntityStatus[entities];
    long[][] portCounters = new long[CounterKind.values().length][];
    long[][] laneCounters = new long[CounterKind.values().length][];
    int lanes = inventory.portCount() * inventory.lanesPerPort();
    for (CounterKind k : CounterKind.values()) {
      if (k.entityClass() == EntityClass.PORT) {
        portCounters[k.ordinal()] = new long[inventory.portCount()];
      } else {
        laneCounters[k.ordinal()] = new long[lanes];
      }
    }
    if (previous == null) {
      Arrays.fill(values, Double.NaN);
      // Nothing is known yet; "up" raises nothing, and the first good read says the truth.
      Arrays.fill(states, EntityStatus.of(OperState.UP));
    } else {
      for (int i = 0; i < sensors; i++) {
        values[i] = previous.value(i);
        timestamps[i] = previous.timestampMillis(i);
      }
      for (int i = 0; i < entities; i++) {
        states[i] = previous.entityStatus(i);
      }
      for (CounterKind k : CounterKind.values()) {
        for (int p = 1; p <= inventory.portCount(); p++) {
          if (k.entityClass() == EntityClass.PORT) {
            portCounters[k.ordinal()][p - 1] = previous.portCounter(k, p);
          } else {
            for (int l = 1; l <= inventory.lanesPerPort(); l++) {
              laneCounters[k.ordinal()][inventory.laneIndex(p, l)] = previous.laneCounter(k, p, l);
            }
          }
        }
      }
    }
    long seq = previous == null ? 0 : previous.sequence();
    return new HalSnapshot(seq, nowMillis, inventory, values, statuses, timestamps, states, portCounters,
        laneCounters);
  }
}
