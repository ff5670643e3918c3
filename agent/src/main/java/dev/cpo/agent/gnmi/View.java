package dev.cpo.agent.gnmi;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;

/**
 * What leaves read: one agent snapshot, the sensor statistics, and (for an ON_CHANGE update driven by
 * a StateChanged event) one entity's status as the event reports it, which the snapshot may not show yet.
 */
final class View {

  private final AgentSnapshot snapshot;
  private final SensorStats stats;
  private final int overriddenEntity;
  private final EntityStatus override;

  View(AgentSnapshot snapshot, SensorStats stats) {
    this(snapshot, stats, -1, null);
  }

  private View(AgentSnapshot snapshot, SensorStats stats, int overriddenEntity, EntityStatus override) {
    this.snapshot = snapshot;
    this.stats = stats;
    this.overriddenEntity = overriddenEntity;
    this.override = override;
  }

  /** This view with one entity's status replaced. */
  View withStatus(int entity, EntityStatus status) {
    return new View(snapshot, stats, entity, status);
  }

  AgentSnapshot snapshot() {
    return snapshot;
  }

  HalSnapshot hal() {
    return snapshot.hal();
  }

  SensorStats stats() {
    return stats;
  }

  EntityStatus status(int entity) {
    return entity == overriddenEntity ? override : snapshot.hal().entityStatus(entity);
  }

  /** Notification timestamp: the snapshot's HAL time, in nanoseconds since the epoch (gNMI 2.2.1). */
  long timestampNanos() {
    return snapshot.hal().timeMillis() * 1_000_000L;
  }
}
