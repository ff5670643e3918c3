package dev.cpo.agent.threshold;

import dev.cpo.agent.alarm.ThresholdLevel;
import java.util.Map;

/**
 * The thresholds in force, and the run-time way to change them (SNMP SET and gNMI Set by {@code ops}).
 * Changes are saved before they take effect (at the next evaluation), so they survive a restart; a
 * change that cannot be saved is refused and changes nothing.
 */
public interface ThresholdService {

  /** The thresholds in force for one sensor ({@code els3/laser5:bias}): its override, else its class default. */
  ThresholdSet effective(String sensorId);

  /** Every sensor with an override, by sensor id. */
  Map<String, ThresholdSet> overrides();

  /**
   * Sets one level for one sensor, keeping the others.
   *
   * @param by who, for the log and the event, e.g. {@code snmp:ops}
   * @throws IllegalArgumentException naming the sensor or the level when the sensor is unknown or the
   *     result would be out of order; nothing changes
   * @throws ThresholdNotStoredException when the change cannot be saved; nothing changes
   */
  ThresholdSet set(String sensorId, ThresholdLevel level, double value, String by);

  /**
   * Gives several sensors new levels in one change, all or nothing: one save, then all apply. A sensor
   * whose levels are already these is left as it is.
   *
   * @param levels the complete new levels by sensor id (each already a valid, ordered set)
   * @throws IllegalArgumentException naming the sensor when one is unknown; nothing changes
   * @throws ThresholdNotStoredException when the change cannot be saved; nothing changes
   */
  void setAll(Map<String, ThresholdSet> levels, String by);
}
