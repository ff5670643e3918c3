package dev.cpo.agent.alarm;

import static dev.cpo.hal.EntityClass.ASIC;
import static dev.cpo.hal.EntityClass.CHASSIS;
import static dev.cpo.hal.EntityClass.COOLING_LOOP;
import static dev.cpo.hal.EntityClass.FAN;
import static dev.cpo.hal.EntityClass.LANE;
import static dev.cpo.hal.EntityClass.LASER;
import static dev.cpo.hal.EntityClass.LASER_MODULE;
import static dev.cpo.hal.EntityClass.OPTICAL_ENGINE;
import static dev.cpo.hal.EntityClass.PORT;
import static dev.cpo.hal.EntityClass.POWER_INPUT;

import dev.cpo.agent.alarm.AlarmCondition.Kind;
import dev.cpo.agent.config.Suggestions;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every alarm condition the agent can raise, in one place: the threshold classes (each with its four
 * levels), the status conditions (root causes and their symptoms), the forecast and the protection
 * latch. Detectors raise these constants, policies.yaml and thresholds.yaml are checked against them
 * (with a "did you mean" for a near miss), and the alarm table's root-cause rules read their flags.
 *
 * <p>Adding a condition is one declaration here: a {@code status(...)}, {@code root(...)} or
 * {@code symptom(...)} constant (or a threshold class in {@link #THRESHOLD_CLASSES}), then raising it from
 * the detector that sees it. Its name is then valid in policies.yaml (and suggested for a near miss),
 * and it is what Alarm.condition(), the API, MQTT and the MIB's cpoAlarmCondition carry.
 */
public final class AlarmConditions {

  private static final Map<String, AlarmCondition> BY_NAME = new LinkedHashMap<>();
  private static final Map<ThresholdClass, AlarmCondition[]> BY_THRESHOLD = new LinkedHashMap<>();

  // Root causes from entity states: each names the lanes and ports it darkened.
  public static final AlarmCondition LASER_FAILURE = root("laser-failure", LASER, Severity.MAJOR, "a laser failed");
  public static final AlarmCondition LASER_DISABLED = root("laser-disabled", LASER, Severity.MINOR, "a laser is disabled");
  public static final AlarmCondition ELS_REMOVED = root("els-removed", LASER_MODULE, Severity.CRITICAL,
      "a laser module was removed");
  public static final AlarmCondition ELS_FAILURE = root("els-failure", LASER_MODULE, Severity.MAJOR,
      "a laser module failed");
  public static final AlarmCondition ELS_SHUTDOWN = root("els-shutdown", LASER_MODULE, Severity.MAJOR,
      "a laser module's lasers and TECs are shut down by the agent's policy or an operator");
  public static final AlarmCondition ASIC_SHUTDOWN = root("asic-shutdown", ASIC, Severity.CRITICAL,
      "a switch ASIC is shut down");
  public static final AlarmCondition ASIC_FAILURE = root("asic-failure", ASIC, Severity.CRITICAL, "a switch ASIC failed");
  public static final AlarmCondition OE_FAILURE = root("oe-failure", OPTICAL_ENGINE, Severity.MAJOR,
      "an optical engine failed");
  public static final AlarmCondition FAN_FAILURE = root("fan-failure", FAN, Severity.MAJOR, "a fan unit failed");
  /** Raised from the loop's state and from {@code loop.flow-lowAlarm}; every symptom while it is active is its. */
  public static final AlarmCondition COOLANT_FLOW_LOSS = register(new AlarmCondition("coolant-flow-loss", Kind.STATUS,
      COOLING_LOOP, Severity.CRITICAL, true, true, null, null, "a cooling loop lost its flow"));

  // Symptoms from entity states: linked to the root cause that darkened them, when one is active.
  public static final AlarmCondition PORT_DEGRADED = symptom("port-degraded", PORT, Severity.MINOR,
      "a port runs on fewer lanes");
  public static final AlarmCondition PORT_DOWN = symptom("port-down", PORT, Severity.MAJOR, "an enabled port is down");
  public static final AlarmCondition LANE_LOS = symptom("lane-los", LANE, Severity.MAJOR, "loss of signal on a lane");
  public static final AlarmCondition LANE_FEC_DEGRADED = symptom("lane-fec-degraded", LANE, Severity.MINOR,
      "a lane's symbol error rate passed the receiver's degrade level");
  public static final AlarmCondition LANE_TX_FAULT = symptom("lane-tx-fault", LANE, Severity.MAJOR,
      "a lane's laser sends no light");
  public static final AlarmCondition LANE_LOSS_OF_LOCK = symptom("lane-loss-of-lock", LANE, Severity.MAJOR,
      "light arrives on a lane but too many errors to align");
  public static final AlarmCondition LANE_REMOTE_FAULT = symptom("lane-remote-fault", LANE, Severity.MAJOR,
      "the far end of a lane does not receive its light");

  // Root causes of dark or erring links, from both ends' evidence (LinkAlarms): nothing local to replace.
  public static final AlarmCondition FAR_END_LOS = root("far-end-los", LANE, Severity.MAJOR,
      "no light received on a lane while its own laser is healthy: the far end's transmitter or the fibre");
  public static final AlarmCondition FAR_END_NO_LIGHT = root("far-end-no-light", LANE, Severity.MAJOR,
      "the far end receives none of a lane's light while its laser is healthy");
  public static final AlarmCondition PORT_FIBRE_DARK = root("port-fibre-dark", PORT, Severity.MAJOR,
      "no light on any lane of a port while its lasers are healthy: its fibre or connector");
  /** Raised MINOR for FEC degraded, MAJOR for loss of lock. */
  public static final AlarmCondition DIRTY_FIBRE = root("dirty-fibre", LANE, Severity.MINOR,
      "light arrives well below the switch's typical level with errors: a dirty or damaged connector");

  public static final AlarmCondition LASER_EOL_FORECAST = register(new AlarmCondition("laser-eol-forecast",
      Kind.FORECAST, LASER, Severity.WARNING, false, false, null, null,
      "a laser's bias trend reaches end of life within forecast.horizonDays"));
  public static final AlarmCondition PROTECTION_LATCHED = register(new AlarmCondition("protection-latched",
      Kind.PROTECTION, null, Severity.CRITICAL, true, false, null, null,
      "a policy gave up after maxTries; its action stays until an operator resets it"));

  /** Every sensor class the HAL has, each a threshold class with four level conditions. */
  public static final List<ThresholdClass> THRESHOLD_CLASSES = List.of(
      tc(CHASSIS, SensorKind.TEMPERATURE),
      tc(ASIC, SensorKind.TEMPERATURE), tc(ASIC, SensorKind.POWER),
      tc(OPTICAL_ENGINE, SensorKind.TEMPERATURE), tc(OPTICAL_ENGINE, SensorKind.POWER),
      tc(LASER_MODULE, SensorKind.TEMPERATURE), tc(LASER_MODULE, SensorKind.VOLTAGE),
      tc(LASER_MODULE, SensorKind.SUPPLY_CURRENT), tc(LASER, SensorKind.FREQUENCY),
      tc(LASER, SensorKind.BIAS_CURRENT), tc(LASER, SensorKind.TX_POWER), tc(LASER, SensorKind.TEMPERATURE),
      tc(LASER, SensorKind.TEC_CURRENT), tc(LASER, SensorKind.LASER_AGE),
      tc(LANE, SensorKind.TX_POWER), tc(LANE, SensorKind.RX_POWER), tc(LANE, SensorKind.PRE_FEC_BER),
      tc(COOLING_LOOP, SensorKind.COOLANT_INLET_TEMPERATURE), tc(COOLING_LOOP, SensorKind.COOLANT_OUTLET_TEMPERATURE),
      tc(COOLING_LOOP, SensorKind.COOLANT_FLOW),
      tc(FAN, SensorKind.FAN_SPEED),
      tc(POWER_INPUT, SensorKind.POWER), tc(POWER_INPUT, SensorKind.VOLTAGE));

  /** Threshold levels with a severity of their own (DOMAIN.md: ASIC and engine over-temperature are critical). */
  private static final Map<String, Severity> THRESHOLD_SEVERITY = Map.of(
      "asic.temp-highAlarm", Severity.CRITICAL,
      "oe.temp-highAlarm", Severity.CRITICAL);

  /** Threshold levels raised as a named condition (DOMAIN.md: coolant flow under 50 % of nominal). */
  private static final Map<String, AlarmCondition> RAISED_AS = Map.of("loop.flow-lowAlarm", COOLANT_FLOW_LOSS);

  static {
    for (ThresholdClass c : THRESHOLD_CLASSES) {
      AlarmCondition[] levels = new AlarmCondition[ThresholdLevel.values().length];
      for (ThresholdLevel l : ThresholdLevel.values()) {
        String name = c.name() + "-" + l.key();
        levels[l.ordinal()] = RAISED_AS.containsKey(name) ? RAISED_AS.get(name) : register(new AlarmCondition(name,
            Kind.THRESHOLD, c.entityClass(), THRESHOLD_SEVERITY.getOrDefault(name, l.defaultSeverity()), false, false,
            c, l, c.name() + " " + (l.high() ? "above " : "below ") + l.key()));
      }
      BY_THRESHOLD.put(c, levels);
    }
  }

  private AlarmConditions() {}

  private static ThresholdClass tc(EntityClass c, SensorKind k) {
    return new ThresholdClass(c, k);
  }

  private static AlarmCondition root(String name, EntityClass c, Severity s, String description) {
    return register(new AlarmCondition(name, Kind.STATUS, c, s, true, false, null, null, description));
  }

  private static AlarmCondition symptom(String name, EntityClass c, Severity s, String description) {
    return register(new AlarmCondition(name, Kind.STATUS, c, s, false, false, null, null, description));
  }

  private static AlarmCondition register(AlarmCondition c) {
    if (BY_NAME.putIfAbsent(c.name(), c) != null) {
      throw new IllegalStateException("alarm condition " + c.name() + " is registered twice");
    }
    return c;
  }

  /** Every condition, status conditions first, then the threshold levels class by class. */
  public static List<AlarmCondition> all() {
    return List.copyOf(BY_NAME.values());
  }

  public static Optional<AlarmCondition> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The threshold class named {@code laser.bias}, if the HAL has it. */
  public static Optional<ThresholdClass> thresholdClass(String name) {
    return THRESHOLD_CLASSES.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * What crossing {@code level} on this sensor raises: {@code <class>-<level>}, or the named condition it
   * is raised as ({@code loop.flow-lowAlarm} is {@code coolant-flow-loss}).
   *
   * @throws IllegalArgumentException for a sensor class not in {@link #THRESHOLD_CLASSES}
   */
  public static AlarmCondition threshold(Sensor sensor, ThresholdLevel level) {
    return threshold(ThresholdClass.of(sensor), level);
  }

  public static AlarmCondition threshold(ThresholdClass c, ThresholdLevel level) {
    AlarmCondition[] levels = BY_THRESHOLD.get(c);
    if (levels == null) {
      throw new IllegalArgumentException("sensor class " + c.name() + " is not registered in AlarmConditions.THRESHOLD_CLASSES");
    }
    return levels[level.ordinal()];
  }

  /** " (did you mean 'fan-failure'?)" for a misspelt condition name; empty when none is close. */
  public static String didYouMean(String name) {
    return Suggestions.didYouMean(name, BY_NAME.keySet());
  }
}
