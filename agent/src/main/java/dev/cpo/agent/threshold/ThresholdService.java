package dev.cpo.agent.threshold;

import dev.cpo.agent.alarm.ThresholdLevel;
import java.util.Map;

/**
 * The thresholds in force, and the run-time way to change them (SNMP SET by {@code ops}, config
 * reload). Changes take effect at the next evaluation and are persisted, so they survive a restart.
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
   */
  ThresholdSet set(String sensorId, ThresholdLevel level, double value, String by);
}
