package dev.cpo.agent.snmp.mib;

import org.snmp4j.smi.OID;

/** Object identifiers of CPO-SWITCH-MIB (mibs/CPO-SWITCH-MIB.txt). */
public final class CpoOids {

  /** cpoSwitchMIB: enterprise 32473 (RFC 5612, documentation), module 1. */
  public static final OID ROOT = new OID("1.3.6.1.4.1.32473.1");
  public static final OID NOTIFICATIONS = new OID(ROOT).append(0);
  public static final OID OBJECTS = new OID(ROOT).append(1);

  public static final OID ALARM_RAISED = new OID(NOTIFICATIONS).append(1);
  public static final OID ALARM_CLEARED = new OID(NOTIFICATIONS).append(2);
  public static final OID PROTECTIVE_ACTION = new OID(NOTIFICATIONS).append(3);

  static final OID LASER_MODULE_ENTRY = new OID(OBJECTS).append(1).append(1);
  static final OID LASER_ENTRY = new OID(OBJECTS).append(2).append(1);
  static final OID OPTICAL_ENGINE_ENTRY = new OID(OBJECTS).append(3).append(1);
  static final OID LANE_ENTRY = new OID(OBJECTS).append(4).append(1);
  public static final OID THRESHOLD_ENTRY = new OID(OBJECTS).append(5).append(1);
  /** cpoThresholdValue column. */
  public static final OID THRESHOLD_VALUE = new OID(THRESHOLD_ENTRY).append(4);
  static final OID ALARM_ACTIVE_COUNT = new OID(OBJECTS).append(6).append(0);
  public static final OID ALARM_ENTRY = new OID(OBJECTS).append(7).append(1);
  static final OID STATS = new OID(OBJECTS).append(8);
  static final OID NOTIFICATION_OBJECTS = new OID(OBJECTS).append(9);
  static final OID PORT_ENTRY = new OID(OBJECTS).append(10).append(1);
  static final OID FEC_HISTOGRAM_ENTRY = new OID(OBJECTS).append(11).append(1);
  static final OID LASER_FLAG_ENTRY = new OID(OBJECTS).append(12).append(1);

  private CpoOids() {}

  /** A column's OID: entry.column. */
  static OID column(OID entry, int column) {
    return new OID(entry).append(column);
  }
}
