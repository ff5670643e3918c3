package dev.cpo.agent.snmp.mib;

import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.SensorKind;
import java.math.BigDecimal;
import java.math.MathContext;
import org.snmp4j.smi.Integer32;

/** Readings as the scaled integers and strings CPO-SWITCH-MIB carries. */
final class Readings {

  private Readings() {}

  /** The sensor index of an entity's sensor of that kind, or -1. */
  static int sensorOf(Inventory inv, String entity, SensorKind kind) {
    return inv.sensor(entity, kind).map(s -> s.index()).orElse(-1);
  }

  /**
   * A reading times {@code factor}, rounded, as Integer32; {@code null} (cell not instantiated) when the
   * entity has no such sensor or the reading is unavailable.
   */
  static Integer32 scaled(HalSnapshot hal, int sensor, double factor) {
    if (sensor < 0 || !hal.available(sensor)) {
      return null;
    }
    double v = Math.rint(hal.value(sensor) * factor);
    return new Integer32((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
  }

  /** A decimal with at most six significant digits, or "" for NaN (no value applies). */
  static String decimal(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** A bit error ratio with three significant digits, e.g. 2.40E-05. */
  static String ratio(double v) {
    return String.format(java.util.Locale.ROOT, "%.2E", v);
  }
}
