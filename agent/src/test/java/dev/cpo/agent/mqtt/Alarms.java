package dev.cpo.agent.mqtt;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Serviceability;
import dev.cpo.agent.alarm.Severity;
import java.util.List;

/** Alarms as the core raises them, for tests that do not run the core. */
final class Alarms {

  private Alarms() {}

  /** A laser that stopped emitting, darkening its four lanes. */
  static Alarm laserFailure(String laser, long raisedAtMillis) {
    String module = laser.substring(0, laser.indexOf('/'));
    return new Alarm(Alarm.idOf("laser-failure", laser), "laser-failure", Severity.CRITICAL, laser,
        "Laser " + laser + " failed (apc-loop-failure)", raisedAtMillis, 0, Double.NaN, Double.NaN, null,
        List.of("port1/lane1", "port1/lane2", "port1/lane3", "port1/lane4"),
        new Serviceability(module, true, "Replace laser module " + module + " (field-replaceable)."));
  }

  /** A bias threshold crossing with value and threshold. */
  static Alarm biasHigh(String laser, long raisedAtMillis) {
    String module = laser.substring(0, laser.indexOf('/'));
    return new Alarm(Alarm.idOf("laser.bias-highWarning", laser), "laser.bias-highWarning", Severity.WARNING, laser,
        "Laser " + laser + " bias 151.2 mA above 150 mA", raisedAtMillis, 0, 151.2, 150.0, null, List.of(),
        new Serviceability(module, true, "Plan to replace laser module " + module + "."));
  }
}
