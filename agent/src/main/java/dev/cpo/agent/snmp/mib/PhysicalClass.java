package dev.cpo.agent.snmp.mib;

import dev.cpo.hal.EntityClass;

/** IANA-ENTITY-MIB IANAPhysicalClass values for our entity classes (RFC 6933 section 3). */
final class PhysicalClass {

  static final int OTHER = 1;
  static final int CHASSIS = 3;
  static final int POWER_SUPPLY = 6;
  static final int FAN = 7;
  static final int SENSOR = 8;
  static final int MODULE = 9;
  static final int PORT = 10;

  private PhysicalClass() {}

  /**
   * ASICs, optical engines and laser modules are self-contained sub-systems: module(9). A laser inside a
   * laser module and a lane inside a port have no class of their own, so other(1): calling lanes port(10)
   * would make NMSes count four or eight ports per front-panel port. Cooling loops likewise other(1).
   */
  static int of(EntityClass c) {
    return switch (c) {
      case CHASSIS -> CHASSIS;
      case ASIC, OPTICAL_ENGINE, LASER_MODULE -> MODULE;
      case PORT -> PORT;
      case FAN -> FAN;
      case POWER_INPUT -> POWER_SUPPLY;
      case LEAK_SENSOR -> SENSOR;
      case LASER, LANE, COOLING_LOOP -> OTHER;
    };
  }
}
