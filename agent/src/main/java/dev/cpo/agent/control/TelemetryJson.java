package dev.cpo.agent.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.ReadingStatus;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.Unit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

/**
 * One snapshot as JSON: per entity its status, its readings (value, unit, status, time stamp) keyed
 * by sensor kind ({@code bias}, {@code temp}, {@code rx_power}), and its counters.
 */
public final class TelemetryJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The port reading that carries its post-FEC bit error ratio. */
  public static final String POST_FEC_BER = "post_fec_ber";

  private TelemetryJson() {}

  /** The unit as an operator writes it; a ratio says so, since the API's consumers key on the field. */
  public static String symbol(Unit unit) {
    return unit == Unit.RATIO ? "ratio" : unit.symbol();
  }

  /** Every entity of the snapshot. */
  public static ObjectNode telemetry(HalSnapshot snap) {
    return telemetry(snap, snap.inventory().entities());
  }

  /** The given entities of the snapshot. */
  public static ObjectNode telemetry(HalSnapshot snap, Collection<Entity> entities) {
    ObjectNode out = F.objectNode();
    out.put("sequence", snap.sequence());
    out.put("timeMillis", snap.timeMillis());
    out.put("time", Instant.ofEpochMilli(snap.timeMillis()).toString());
    ArrayNode list = out.putArray("entities");
    for (Entity e : entities) {
      list.add(entity(snap, e));
    }
    return out;
  }

  static ObjectNode entity(HalSnapshot snap, Entity e) {
    ObjectNode o = F.objectNode();
    o.put("name", e.name());
    o.put("class", InventoryJson.className(e.entityClass()));
    o.set("status", status(snap.entityStatus(e.index())));
    ObjectNode readings = o.putObject("readings");
    for (Sensor s : snap.inventory().sensorsOf(e.name())) {
      readings.set(s.kind().key(), reading(snap, s));
    }
    if (e.entityClass() == EntityClass.PORT) {
      readings.set(POST_FEC_BER, postFecBer(snap, e.port()));
    }
    ObjectNode counters = counters(snap, e);
    if (!counters.isEmpty()) {
      o.set("counters", counters);
    }
    if (e.entityClass() == EntityClass.LASER && snap.laserFlags().lasers() > 0) {
      o.set("flags", flags(snap, e));
    }
    return o;
  }

  /**
   * A laser's ELS flags, each with whether it is set, how often it changed and when it was last set and
   * cleared (HAL clock epoch ms; null when never), as SONiC keeps flag metadata.
   */
  static ObjectNode flags(HalSnapshot snap, Entity laser) {
    dev.cpo.hal.LaserFlags lf = snap.laserFlags();
    int i = snap.inventory().ordinalInClass(laser);
    ObjectNode out = F.objectNode();
    for (dev.cpo.hal.ElsFlag f : dev.cpo.hal.ElsFlag.values()) {
      ObjectNode o = out.putObject(f.key());
      o.put("active", lf.active(i, f));
      o.put("changes", lf.changeCount(i, f));
      long set = lf.lastSetMillis(i, f);
      long clear = lf.lastClearMillis(i, f);
      if (set == dev.cpo.hal.LaserFlags.NEVER) {
        o.putNull("lastSetMillis");
      } else {
        o.put("lastSetMillis", set);
      }
      if (clear == dev.cpo.hal.LaserFlags.NEVER) {
        o.putNull("lastClearMillis");
      } else {
        o.put("lastClearMillis", clear);
      }
    }
    return out;
  }

  static ObjectNode status(EntityStatus st) {
    ObjectNode o = F.objectNode();
    o.put("state", st.state().name().toLowerCase(Locale.ROOT));
    o.put("faultCode", st.faultCode());
    o.put("lanesUp", st.lanesUp());
    o.put("speedMbps", st.speedMbps());
    o.put("adminUp", st.adminUp());
    return o;
  }

  /**
   * A port's post-FEC BER (SONiC's FEC_POST_BER), shaped as a reading: derived from its receiving lanes
   * at the snapshot's time, so it has no thresholds; null and unavailable while no lane receives.
   */
  private static ObjectNode postFecBer(HalSnapshot snap, int port) {
    ObjectNode r = F.objectNode();
    double ber = snap.postFecBer(port);
    boolean known = Double.isFinite(ber);
    if (known) {
      r.put("value", ber == 0 ? 0 : new BigDecimal(ber).round(new MathContext(3)).doubleValue());
    } else {
      r.putNull("value");
    }
    r.put("unit", symbol(Unit.RATIO));
    r.put("status", (known ? ReadingStatus.OK : ReadingStatus.UNAVAILABLE).name().toLowerCase(Locale.ROOT));
    r.put("timestampMillis", snap.timeMillis());
    return r;
  }

  static ObjectNode reading(HalSnapshot snap, Sensor s) {
    ObjectNode r = F.objectNode();
    double v = snap.value(s.index());
    // JSON has no NaN or infinity; an unreadable or unbounded value is null.
    if (snap.available(s.index()) && Double.isFinite(v)) {
      // Rounded to the sensor's resolution: the digits past it are binary noise, not measurement.
      r.put("value", s.kind().round(v));
    } else {
      r.putNull("value");
    }
    r.put("unit", symbol(s.unit()));
    r.put("status", snap.status(s.index()).name().toLowerCase(Locale.ROOT));
    r.put("timestampMillis", snap.timestampMillis(s.index()));
    return r;
  }

  private static ObjectNode counters(HalSnapshot snap, Entity e) {
    ObjectNode c = F.objectNode();
    snap.counters(e).forEach((k, v) -> c.put(k.key(), v));
    if (e.entityClass() == EntityClass.PORT) {
      c.put("last_change_ms", snap.portLastChangeMillis(e.port()));
      // SONiC's fec-stats FEC_CORR and FEC_UNCORR: the port's lanes summed.
      c.put(CounterKind.FEC_CORRECTED_CODEWORDS.key(), snap.laneCounterSum(CounterKind.FEC_CORRECTED_CODEWORDS, e.port()));
      c.put(CounterKind.FEC_UNCORRECTABLE_CODEWORDS.key(),
          snap.laneCounterSum(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, e.port()));
      // SONiC's fec-histogram: codewords by symbol errors, BIN0..BIN15.
      for (int b = 0; b < snap.fecHistogramBins(); b++) {
        c.put("fec_bin_" + b, snap.fecHistogram(e.port(), b));
      }
    }
    return c;
  }
}
