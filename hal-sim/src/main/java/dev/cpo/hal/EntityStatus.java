package dev.cpo.hal;

import java.util.Objects;

/**
 * Operational status of one entity at snapshot time.
 *
 * @param state operational state
 * @param faultCode hardware fault code where {@code state} is {@link OperState#FAILED}, e.g. {@code apc-loop-failure},
 *     {@code tec-runaway}; for a lane, what it reports, '+'-joined: {@code los}, {@code loss-of-lock},
 *     {@code tx-fault}, {@code remote-fault} (down) or {@code fec-degraded} (degraded); for a port down or
 *     degraded, which lanes and why, e.g. {@code lane2:los}; empty otherwise
 * @param lanesUp for ports: lanes carrying light; 0 for other entities
 * @param speedMbps for ports: current speed (lanes up x lane rate); 0 for other entities
 * @param adminUp administrative state (ports, lasers); true for entities without one
 */
public record EntityStatus(OperState state, String faultCode, int lanesUp, long speedMbps, boolean adminUp) {

  public EntityStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(faultCode, "faultCode");
  }

  public static EntityStatus of(OperState state) {
    return new EntityStatus(state, "", 0, 0, true);
  }
}
