package dev.cpo.agent.alarm;

import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One alarm: a condition on an entity, raised at one time and (once cleared) cleared at another.
 * Immutable; a clear produces a new instance with {@code clearedAtMillis} set.
 *
 * @param id stable id: the same condition on the same entity has the same id across restarts,
 *     e.g. {@code laser-bias-high/els3/laser5}
 * @param condition the condition, e.g. {@code laser-bias-high}, {@code laser-failure}, {@code laser-eol-forecast}
 * @param severity severity
 * @param entity the entity the alarm is about
 * @param text one line for an operator
 * @param raisedAtMillis when it was raised (HAL clock)
 * @param clearedAtMillis when it was cleared, or 0 while active
 * @param value the reading that raised it, or NaN where none applies
 * @param threshold the threshold crossed, or NaN where none applies
 * @param rootCauseId id of the root-cause alarm this one is a symptom of, or {@code null} for a root
 *     (symptoms are not notified separately)
 * @param affected entities this root cause darkened or disabled (lanes and ports), empty for a symptom
 * @param serviceability what to replace
 */
public record Alarm(
    String id,
    String condition,
    Severity severity,
    String entity,
    String text,
    long raisedAtMillis,
    long clearedAtMillis,
    double value,
    double threshold,
    String rootCauseId,
    List<String> affected,
    Serviceability serviceability) {

  public Alarm {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(serviceability, "serviceability");
    affected = List.copyOf(affected);
  }

  /** The stable id of a condition on an entity. */
  public static String idOf(String condition, String entity) {
    return condition + "/" + entity;
  }

  public boolean active() {
    return clearedAtMillis == 0;
  }

  public boolean isRootCause() {
    return rootCauseId == null;
  }

  /**
   * A positive 31-bit number derived from the id alone, stable across restarts, for protocols that
   * index alarms by integer (the SNMP alarm table).
   */
  public int number() {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int n = (int) (crc.getValue() & 0x7fffffffL);
    return n == 0 ? 1 : n;
  }

  public Alarm cleared(long atMillis) {
    return new Alarm(id, condition, severity, entity, text, raisedAtMillis, atMillis, value, threshold,
        rootCauseId, affected, serviceability);
  }

  /**
   * A reading or level of this alarm rounded to its sensor's resolution; a threshold alarm's condition
   * names the sensor kind ({@code laser.bias-highAlarm}: {@code bias}). Other alarms' values are left as
   * they are. The digits past the resolution are binary noise ({@code 355.90000000000003}), not measurement.
   */
  public double rounded(double v) {
    int dot = condition.indexOf('.');
    int dash = condition.indexOf('-', dot + 1);
    if (dot < 0 || dash < 0) {
      return v;
    }
    String key = condition.substring(dot + 1, dash);
    for (dev.cpo.hal.SensorKind k : dev.cpo.hal.SensorKind.values()) {
      if (k.key().equals(key)) {
        return k.round(v);
      }
    }
    return v;
  }
}
