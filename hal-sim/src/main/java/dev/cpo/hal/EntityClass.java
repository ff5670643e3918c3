package dev.cpo.hal;

/**
 * What a physical entity is, in the operator's words. The order is the order entities are listed in
 * an inventory (containers before what they contain).
 */
public enum EntityClass {
  CHASSIS("chassis"),
  ASIC("asic"),
  OPTICAL_ENGINE("oe"),
  LASER_MODULE("els"),
  LASER("laser"),
  PORT("port"),
  LANE("lane"),
  COOLING_LOOP("loop"),
  FAN("fan"),
  POWER_INPUT("power"),
  LEAK_SENSOR("leak");

  private final String key;

  EntityClass(String key) {
    this.key = key;
  }

  /** Short lower-case name used in config keys, topic names and threshold classes. */
  public String key() {
    return key;
  }
}
