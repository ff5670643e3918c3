package dev.cpo.agent.alarm;

/** Alarm severity, as openconfig-alarms and ITU X.733 name them. Ordered from most to least severe. */
public enum Severity {
  CRITICAL,
  MAJOR,
  MINOR,
  WARNING
}
