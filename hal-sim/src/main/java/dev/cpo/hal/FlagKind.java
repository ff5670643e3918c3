package dev.cpo.hal;

/** CMIS-like latched flags a module raises. Latched until read; reading clears them. */
public enum FlagKind {
  TEMPERATURE_HIGH_ALARM,
  TEMPERATURE_HIGH_WARNING,
  TEMPERATURE_LOW_WARNING,
  TEMPERATURE_LOW_ALARM,
  BIAS_HIGH_ALARM,
  BIAS_HIGH_WARNING,
  BIAS_LOW_WARNING,
  BIAS_LOW_ALARM,
  TX_POWER_LOW_ALARM,
  /** A laser stopped emitting (APC or ACC loop failure, sudden failure). */
  LASER_FAULT,
  /** The TEC can no longer hold the laser temperature. */
  TEC_FAULT,
  /** Loss of signal on a lane fed by this module. */
  LOSS_OF_SIGNAL,
  /** The module was inserted or removed (module state changed). */
  MODULE_STATE_CHANGED
}
