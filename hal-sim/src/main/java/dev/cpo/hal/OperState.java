package dev.cpo.hal;

/** Operational state of an entity, in the terms the hardware reports. */
public enum OperState {
  /** Working normally (a port with all lanes up, a laser emitting). */
  UP,
  /** Working with reduced capacity (a port with some lanes dark). */
  DEGRADED,
  /** Not working (a port with all lanes dark, a lane with loss of signal). */
  DOWN,
  /** Laser powering up. */
  RAMPING,
  /** Administratively or protectively disabled (laser disabled, ASIC shut down, port admin down). */
  DISABLED,
  /** Failed (laser fault, fan failed). */
  FAILED,
  /** Not present (laser module pulled). */
  ABSENT
}
