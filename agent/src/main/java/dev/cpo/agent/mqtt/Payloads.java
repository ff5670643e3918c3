package dev.cpo.agent.mqtt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the flat JSON payloads: every message has {@code v} (schema version), {@code ts} (epoch ms of
 * the reading or transition), {@code seq} (per message class, +1 per message sent or lost; see {@link SeqPayload}) and
 * {@code switch}; readings carry their unit in the key ({@code bias_ma}, {@code temp_c}). A value that
 * could not be read is {@code null}, never a stale number.
 */
public final class Payloads {

  /** Schema version, the {@code v} field; bumped when a field changes meaning or goes away. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A port's post-FEC bit error ratio (null while none of its lanes receives). */
  static final String POST_FEC_BER = "post_fec_ber_ratio";

  private final String switchId;
  private final TimeBase time;
  private final Map<MessageClass, AtomicLong> seqs = new EnumMap<>(MessageClass.class);

  public Payloads(String switchId) {
    this(switchId, TimeBase.wallOnly());
  }

  /** @param time where {@code ts} and, when simulated time is not wall time, {@code wall_ts} come from */
  public Payloads(String switchId, TimeBase time) {
    this.switchId = switchId;
    this.time = time;
    for (MessageClass c : MessageClass.values()) {
      seqs.put(c, new AtomicLong());
    }
  }

  /** The last seq given out for a class (numbers are given when messages are sent or dropped). */
  public long lastSeq(MessageClass messageClass) {
    return seqs.get(messageClass).get();
  }

  private ObjectNode head(MessageClass messageClass, long tsMillis) {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", SCHEMA_VERSION);
    n.put("ts", tsMillis);
    // seq goes in when the message is sent: see SeqPayload.
    n.put("switch", switchId);
    putWallTime(n);
    return n;
  }

  /** Wall time and speed beside {@code ts}, when the agent's clock is not wall time. */
  private void putWallTime(ObjectNode n) {
    long wall = time.wall().millis();
    double scale = time.timeScale().getAsDouble();
    if (scale != 1 || Math.abs(time.clock().millis() - wall) > TimeBase.DRIFT_SHOWN_MS) {
      n.put("wall_ts", wall);
      n.put("time_scale", scale);
    }
  }

  /** Numbered by the outbox, or with {@link SeqPayload#with} for an offline status (it repeats its birth's seq). */
  public SeqPayload status(boolean online, long bdSeq, long tsMillis) {
    ObjectNode n = head(MessageClass.STATUS, tsMillis);
    n.put("state", online ? "online" : "offline");
    n.put("bdSeq", bdSeq);
    return sequenced(MessageClass.STATUS, n);
  }

  /**
   * The serial number and firmware revision of one field-replaceable unit in place ({@code ""} where
   * unknown), as the meta message lists it.
   */
  public record UnitIdentity(String entity, String serialNumber, String firmwareRevision) {}

  /** The inventory's changes since the agent started: how many, and when the last was (0: none). */
  public record InventoryChanges(long count, long lastMillis) {
    public static final InventoryChanges NONE = new InventoryChanges(0, 0);
  }

  /** Meta with the laser modules' serial numbers as the inventory gives them, and no change since start. */
  public SeqPayload meta(Inventory inv, long bdSeq, String agentVersion, long telemetryIntervalMs, long tsMillis) {
    List<UnitIdentity> units = new java.util.ArrayList<>();
    for (Entity e : inv.entitiesOf(EntityClass.LASER_MODULE)) {
      units.add(new UnitIdentity(e.name(), e.serialNumber(), ""));
    }
    return meta(inv, bdSeq, agentVersion, telemetryIntervalMs, tsMillis, units, InventoryChanges.NONE);
  }

  /**
   * The retained birth certificate: what the switch is, the identity of each laser module in place
   * ({@code <entity>_serial}, {@code <entity>_firmware_rev}; none for a pulled one), and the inventory's
   * changes since start, so a consumer of the retained meta alone sees a swapped module.
   */
  public SeqPayload meta(Inventory inv, long bdSeq, String agentVersion, long telemetryIntervalMs, long tsMillis,
      List<UnitIdentity> units, InventoryChanges changes) {
    ObjectNode n = head(MessageClass.META, tsMillis);
    n.put("model", inv.model());
    n.put("profile", inv.profile());
    n.put("ports", inv.portCount());
    n.put("lanes_per_port", inv.lanesPerPort());
    n.put("lane_rate_mbps", inv.laneRateMbps());
    n.put("asics", inv.entitiesOf(EntityClass.ASIC).size());
    n.put("optical_engines", inv.entitiesOf(EntityClass.OPTICAL_ENGINE).size());
    n.put("laser_modules", inv.entitiesOf(EntityClass.LASER_MODULE).size());
    n.put("lasers", inv.entitiesOf(EntityClass.LASER).size());
    n.put("entities", inv.entities().size());
    n.put("sensors", inv.sensors().size());
    n.put("agent_version", agentVersion);
    n.put("schema_version", SCHEMA_VERSION);
    n.put("bdSeq", bdSeq);
    n.put("telemetry_interval_ms", telemetryIntervalMs);
    n.put("inventory_changes", changes.count());
    n.put("inventory_changed_ms", changes.lastMillis());
    for (UnitIdentity u : units) {
      n.put(u.entity() + "_serial", u.serialNumber());
      if (!u.firmwareRevision().isEmpty()) {
        n.put(u.entity() + "_firmware_rev", u.firmwareRevision());
      }
    }
    return sequenced(MessageClass.META, n);
  }

  /** Telemetry of one entity, or {@code null} when it has neither sensors nor counters. */
  public SeqPayload telemetry(HalSnapshot snap, Entity entity) {
    Inventory inv = snap.inventory();
    List<Sensor> sensors = inv.sensorsOf(entity.name());
    boolean counters = hasCounters(entity);
    if (sensors.isEmpty() && !counters) {
      return null;
    }
    long tsMillis = latestMillis(snap, sensors);
    if (!TelemetryKeys.DISTINCT || TelemetryKeys.repeatsAKind(sensors)) {
      // A key written twice: the tree keeps the first place and the last value, as it always did.
      return sequenced(MessageClass.TELEMETRY, telemetryTree(snap, entity, sensors, counters, tsMillis));
    }
    TelemetryWriter w = WRITER.get();
    try {
      return w.write(this, snap, entity, sensors, counters, tsMillis);
    } catch (java.io.IOException | RuntimeException e) {
      // Into memory, from plain values: this cannot fail short of a bug. The generator may be mid-object.
      WRITER.remove();
      throw new IllegalStateException("cannot write the telemetry of " + entity.name(), e);
    }
  }

  /** One streaming writer per thread that writes telemetry (the telemetry timer's, in the product). */
  private static final ThreadLocal<TelemetryWriter> WRITER = ThreadLocal.withInitial(TelemetryWriter::new);

  /**
   * Writes telemetry objects one after the other with one generator into one buffer, the keys already
   * encoded ({@link SerializedString}), and copies each object out: no tree, no generator or buffer per
   * message. The bytes are what {@link #bytes(ObjectNode)} makes of the tree (same generator, same
   * fields in the same order).
   */
  private static final class TelemetryWriter {
    private final ByteArrayBuilder buf = new ByteArrayBuilder(null, 2048);
    private final JsonGenerator g;

    TelemetryWriter() {
      try {
        g = JSON.getFactory().createGenerator(buf);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot make a JSON generator", e);
      }
      // Objects are taken one at a time, never concatenated: nothing between them.
      g.setRootValueSeparator(null);
    }

    SeqPayload write(Payloads p, HalSnapshot snap, Entity entity, List<Sensor> sensors, boolean counters,
        long tsMillis) throws java.io.IOException {
      buf.reset();
      g.writeStartObject();
      g.writeFieldName(K_V);
      g.writeNumber(SCHEMA_VERSION);
      g.writeFieldName(K_TS);
      g.writeNumber(tsMillis);
      // seq goes in before ",\"switch\"": after the comma that comes next (see SeqPayload).
      int insertAt = buf.size() + g.getOutputBuffered() + 1;
      g.writeFieldName(K_SWITCH);
      g.writeString(p.switchId);
      p.writeWallTime(g);
      g.writeFieldName(K_ENTITY);
      g.writeString(entity.name());
      g.writeFieldName(K_CLASS);
      g.writeString(entity.entityClass().key());
      for (Sensor s : sensors) {
        g.writeFieldName(TelemetryKeys.of(s.kind()));
        if (snap.available(s.index())) {
          number(g, s.kind().round(snap.value(s.index())));
        } else {
          g.writeNull();
        }
      }
      if (counters) {
        writeCounters(g, snap, entity);
      }
      if (entity.entityClass() == EntityClass.LASER) {
        writeFlags(g, snap, entity);
      }
      g.writeEndObject();
      g.flush();
      return new SeqPayload(buf.toByteArray(), insertAt, p.seqs.get(MessageClass.TELEMETRY));
    }
  }

  private static final SerializedString K_V = new SerializedString("v");
  private static final SerializedString K_TS = new SerializedString("ts");
  private static final SerializedString K_SWITCH = new SerializedString("switch");
  private static final SerializedString K_WALL_TS = new SerializedString("wall_ts");
  private static final SerializedString K_TIME_SCALE = new SerializedString("time_scale");
  private static final SerializedString K_ENTITY = new SerializedString("entity");
  private static final SerializedString K_CLASS = new SerializedString("class");
  private static final SerializedString K_LAST_CHANGE = new SerializedString("last_change_ms");
  private static final SerializedString K_POST_FEC_BER = new SerializedString(POST_FEC_BER);
  private static final SerializedString K_FLAGS = new SerializedString("flags");

  /**
   * The telemetry keys, made once: every sensor kind's {@code <key>_<unit>}, the counters', the FEC
   * histogram's bins and the ELS flags' keys. {@link #DISTINCT} says no sensor kind's key is one of the
   * message's other keys, so the streaming writer can only repeat a key when an entity has two sensors of
   * one kind (then the tree writes it, first place and last value, as before).
   */
  static final class TelemetryKeys {
    private static final SerializedString[] SENSOR = new SerializedString[dev.cpo.hal.SensorKind.values().length];
    private static final SerializedString[] COUNTER = new SerializedString[CounterKind.values().length];
    private static final SerializedString[] FEC_BIN = new SerializedString[64];
    private static final SerializedString[][] FLAG = new SerializedString[dev.cpo.hal.ElsFlag.values().length][];
    static final boolean DISTINCT;

    static {
      java.util.Set<String> fixed = new java.util.HashSet<>();
      for (SerializedString k : List.of(K_V, K_TS, K_SWITCH, K_WALL_TS, K_TIME_SCALE, K_ENTITY, K_CLASS, K_LAST_CHANGE,
          K_POST_FEC_BER, K_FLAGS)) {
        fixed.add(k.getValue());
      }
      fixed.add("seq");
      for (CounterKind k : CounterKind.values()) {
        COUNTER[k.ordinal()] = new SerializedString(k.key());
        fixed.add(k.key());
      }
      for (int b = 0; b < FEC_BIN.length; b++) {
        FEC_BIN[b] = new SerializedString("fec_bin_" + b);
        fixed.add(FEC_BIN[b].getValue());
      }
      for (dev.cpo.hal.ElsFlag f : dev.cpo.hal.ElsFlag.values()) {
        String key = f.key().replace('-', '_');
        FLAG[f.ordinal()] = new SerializedString[] {new SerializedString(key + "_changes"),
            new SerializedString(key + "_last_set_ms"), new SerializedString(key + "_last_clear_ms")};
        for (SerializedString k : FLAG[f.ordinal()]) {
          fixed.add(k.getValue());
        }
      }
      boolean distinct = true;
      java.util.Set<String> sensorKeys = new java.util.HashSet<>();
      for (dev.cpo.hal.SensorKind k : dev.cpo.hal.SensorKind.values()) {
        SENSOR[k.ordinal()] = new SerializedString(k.telemetryKey());
        distinct &= sensorKeys.add(k.telemetryKey()) && !fixed.contains(k.telemetryKey());
      }
      DISTINCT = distinct;
    }

    private TelemetryKeys() {}

    static SerializedString of(dev.cpo.hal.SensorKind kind) {
      return SENSOR[kind.ordinal()];
    }

    static SerializedString of(CounterKind kind) {
      return COUNTER[kind.ordinal()];
    }

    static SerializedString fecBin(int bin) {
      return bin < FEC_BIN.length ? FEC_BIN[bin] : new SerializedString("fec_bin_" + bin);
    }

    /** {@code <flag>_changes}, {@code _last_set_ms}, {@code _last_clear_ms}: index 0, 1, 2. */
    static SerializedString flag(dev.cpo.hal.ElsFlag flag, int which) {
      return FLAG[flag.ordinal()][which];
    }

    /** Whether two of the sensors are of one kind (their key would be written twice). */
    static boolean repeatsAKind(List<Sensor> sensors) {
      long seen = 0;
      for (Sensor s : sensors) {
        long bit = 1L << s.kind().ordinal();
        if ((seen & bit) != 0) {
          return true;
        }
        seen |= bit;
      }
      return false;
    }
  }

  private void writeWallTime(JsonGenerator g) throws java.io.IOException {
    long wall = time.wall().millis();
    double scale = time.timeScale().getAsDouble();
    if (scale != 1 || Math.abs(time.clock().millis() - wall) > TimeBase.DRIFT_SHOWN_MS) {
      g.writeFieldName(K_WALL_TS);
      g.writeNumber(wall);
      g.writeFieldName(K_TIME_SCALE);
      g.writeNumber(scale);
    }
  }

  /** The counters as {@link #putCounters} puts them, in the same order, read without the map. */
  private static void writeCounters(JsonGenerator g, HalSnapshot snap, Entity entity) throws java.io.IOException {
    boolean port = entity.entityClass() == EntityClass.PORT;
    for (CounterKind k : COUNTERS) {
      if (k.entityClass() == entity.entityClass()) {
        g.writeFieldName(TelemetryKeys.of(k));
        g.writeNumber(port ? snap.portCounter(k, entity) : snap.laneCounter(k, entity));
      }
    }
    if (port) {
      int p = entity.port();
      g.writeFieldName(K_LAST_CHANGE);
      g.writeNumber(snap.portLastChangeMillis(p));
      g.writeFieldName(TelemetryKeys.of(CounterKind.FEC_CORRECTED_CODEWORDS));
      g.writeNumber(snap.laneCounterSum(CounterKind.FEC_CORRECTED_CODEWORDS, p));
      g.writeFieldName(TelemetryKeys.of(CounterKind.FEC_UNCORRECTABLE_CODEWORDS));
      g.writeNumber(snap.laneCounterSum(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, p));
      g.writeFieldName(K_POST_FEC_BER);
      number(g, snap.postFecBer(p));
      for (int b = 0; b < snap.fecHistogramBins(); b++) {
        g.writeFieldName(TelemetryKeys.fecBin(b));
        g.writeNumber(snap.fecHistogram(p, b));
      }
    }
  }

  private static final CounterKind[] COUNTERS = CounterKind.values();
  private static final dev.cpo.hal.ElsFlag[] FLAGS = dev.cpo.hal.ElsFlag.values();

  /** The ELS flags as {@link #putFlags} puts them. */
  private static void writeFlags(JsonGenerator g, HalSnapshot snap, Entity laser) throws java.io.IOException {
    dev.cpo.hal.LaserFlags lf = snap.laserFlags();
    if (lf.lasers() == 0) {
      return;
    }
    int i = snap.inventory().ordinalInClass(laser);
    g.writeFieldName(K_FLAGS);
    g.writeStartArray();
    for (dev.cpo.hal.ElsFlag f : FLAGS) {
      if (lf.active(i, f)) {
        g.writeString(f.key());
      }
    }
    g.writeEndArray();
    for (dev.cpo.hal.ElsFlag f : FLAGS) {
      long changes = lf.changeCount(i, f);
      if (changes == 0) {
        continue;
      }
      g.writeFieldName(TelemetryKeys.flag(f, 0));
      g.writeNumber(changes);
      if (lf.lastSetMillis(i, f) != dev.cpo.hal.LaserFlags.NEVER) {
        g.writeFieldName(TelemetryKeys.flag(f, 1));
        g.writeNumber(lf.lastSetMillis(i, f));
      }
      if (lf.lastClearMillis(i, f) != dev.cpo.hal.LaserFlags.NEVER) {
        g.writeFieldName(TelemetryKeys.flag(f, 2));
        g.writeNumber(lf.lastClearMillis(i, f));
      }
    }
  }

  /** A reading, or null when it is not a finite number (as {@link #number(ObjectNode, String, double)}). */
  private static void number(JsonGenerator g, double value) throws java.io.IOException {
    if (Double.isFinite(value)) {
      g.writeNumber(value);
    } else {
      g.writeNull();
    }
  }

  /**
   * The telemetry as a tree: the writer for an entity whose keys would repeat (see {@link TelemetryKeys}),
   * and what the streaming writer is checked against.
   */
  ObjectNode telemetryTree(HalSnapshot snap, Entity entity, List<Sensor> sensors, boolean counters, long tsMillis) {
    ObjectNode n = head(MessageClass.TELEMETRY, tsMillis);
    n.put("entity", entity.name());
    n.put("class", entity.entityClass().key());
    for (Sensor s : sensors) {
      if (snap.available(s.index())) {
        number(n, s.kind().telemetryKey(), s.kind().round(snap.value(s.index())));
      } else {
        n.putNull(s.kind().telemetryKey());
      }
    }
    if (counters) {
      putCounters(n, snap, entity);
    }
    if (entity.entityClass() == EntityClass.LASER) {
      putFlags(n, snap, entity);
    }
    return n;
  }

  /** The tree writer's payload for one entity (null when it has neither sensors nor counters), for tests. */
  byte[] telemetryByTree(HalSnapshot snap, Entity entity) {
    List<Sensor> sensors = snap.inventory().sensorsOf(entity.name());
    boolean counters = hasCounters(entity);
    if (sensors.isEmpty() && !counters) {
      return null;
    }
    return bytes(telemetryTree(snap, entity, sensors, counters, latestMillis(snap, sensors)));
  }

  /** Ports and lanes carry their counters in their telemetry, with or without sensors. */
  private static boolean hasCounters(Entity entity) {
    return entity.entityClass() == EntityClass.PORT || entity.entityClass() == EntityClass.LANE;
  }

  /** The newest of the sensors' read times, or the snapshot's time when none was read. */
  private static long latestMillis(HalSnapshot snap, List<Sensor> sensors) {
    long ts = 0;
    for (Sensor s : sensors) {
      ts = Math.max(ts, snap.timestampMillis(s.index()));
    }
    return ts > 0 ? ts : snap.timeMillis();
  }

  /**
   * A laser's ELS flags: {@code flags}, the names of those set now; then for each flag that ever changed,
   * {@code <flag>_changes} and, once it happened, {@code <flag>_last_set_ms} and {@code <flag>_last_clear_ms}
   * (HAL clock, epoch ms), with the flag's name in snake case ({@code bias_high_alarm_changes}).
   */
  private static void putFlags(ObjectNode n, HalSnapshot snap, Entity laser) {
    dev.cpo.hal.LaserFlags lf = snap.laserFlags();
    if (lf.lasers() == 0) {
      return;
    }
    int i = snap.inventory().ordinalInClass(laser);
    com.fasterxml.jackson.databind.node.ArrayNode active = n.putArray("flags");
    for (dev.cpo.hal.ElsFlag f : dev.cpo.hal.ElsFlag.values()) {
      if (lf.active(i, f)) {
        active.add(f.key());
      }
    }
    for (dev.cpo.hal.ElsFlag f : dev.cpo.hal.ElsFlag.values()) {
      long changes = lf.changeCount(i, f);
      if (changes == 0) {
        continue;
      }
      String key = f.key().replace('-', '_');
      n.put(key + "_changes", changes);
      if (lf.lastSetMillis(i, f) != dev.cpo.hal.LaserFlags.NEVER) {
        n.put(key + "_last_set_ms", lf.lastSetMillis(i, f));
      }
      if (lf.lastClearMillis(i, f) != dev.cpo.hal.LaserFlags.NEVER) {
        n.put(key + "_last_clear_ms", lf.lastClearMillis(i, f));
      }
    }
  }

  private static void putCounters(ObjectNode n, HalSnapshot snap, Entity entity) {
    snap.counters(entity).forEach((k, v) -> n.put(k.key(), v));
    if (entity.entityClass() == EntityClass.PORT) {
      int port = entity.port();
      n.put("last_change_ms", snap.portLastChangeMillis(port));
      // The port's FEC as SONiC's fec-stats shows it: FEC_CORR, FEC_UNCORR (its lanes' sums), FEC_POST_BER.
      n.put(CounterKind.FEC_CORRECTED_CODEWORDS.key(), snap.laneCounterSum(CounterKind.FEC_CORRECTED_CODEWORDS, port));
      n.put(CounterKind.FEC_UNCORRECTABLE_CODEWORDS.key(),
          snap.laneCounterSum(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, port));
      number(n, POST_FEC_BER, snap.postFecBer(port));
      for (int b = 0; b < snap.fecHistogramBins(); b++) {
        n.put("fec_bin_" + b, snap.fecHistogram(port, b));
      }
    }
  }

  /** The state of one entity; {@code before} may be null (a birth, not a change). */
  public SeqPayload state(String entity, EntityClass entityClass, EntityStatus after, EntityStatus before, long tsMillis) {
    return state(entity, entityClass, after, before, tsMillis, null, null);
  }

  /**
   * The state of one entity, with the serial number and firmware revision of the unit in place (for a
   * field-replaceable module; null leaves them out).
   */
  public SeqPayload state(String entity, EntityClass entityClass, EntityStatus after, EntityStatus before, long tsMillis,
      String serialNumber, String firmwareRevision) {
    ObjectNode n = head(MessageClass.STATE, tsMillis);
    if (serialNumber != null) {
      n.put("serial", serialNumber);
    }
    if (firmwareRevision != null) {
      n.put("firmware_rev", firmwareRevision);
    }
    n.put("entity", entity);
    n.put("class", entityClass.key());
    n.put("state", after.state().name().toLowerCase(Locale.ROOT));
    n.put("fault_code", after.faultCode());
    n.put("admin_up", after.adminUp());
    if (entityClass == EntityClass.PORT) {
      n.put("lanes_up", after.lanesUp());
      n.put("speed_mbps", after.speedMbps());
    }
    if (before != null) {
      n.put("previous_state", before.state().name().toLowerCase(Locale.ROOT));
    }
    return sequenced(MessageClass.STATE, n);
  }

  /** The retained message of an active alarm. */
  public SeqPayload alarm(Alarm a) {
    ObjectNode n = head(MessageClass.ALARM, a.raisedAtMillis());
    putAlarm(n, a);
    return sequenced(MessageClass.ALARM, n);
  }

  /** An event on the events topic; {@code type} is e.g. {@code alarm-raised}; finish with {@link #event(ObjectNode)}. */
  public ObjectNode event(String type, long agentSeq, long tsMillis, String entity) {
    ObjectNode n = head(MessageClass.EVENT, tsMillis);
    n.put("entity", entity);
    n.put("type", type);
    n.put("agent_seq", agentSeq);
    return n;
  }

  /** A command response. */
  public SeqPayload response(String command, boolean ok, String message, long bdSeq, long tsMillis) {
    ObjectNode n = head(MessageClass.RESPONSE, tsMillis);
    n.put("command", command);
    n.put("result", ok ? "ok" : "error");
    n.put("message", message);
    n.put("bdSeq", bdSeq);
    return sequenced(MessageClass.RESPONSE, n);
  }

  /** A finished event object, numbered when it is sent. */
  public SeqPayload event(ObjectNode n) {
    return sequenced(MessageClass.EVENT, n);
  }

  private SeqPayload sequenced(MessageClass messageClass, ObjectNode n) {
    return new SeqPayload(bytes(n), seqs.get(messageClass));
  }

  /** Writes an alarm's fields into a flat object (used by alarm and alarm event messages). */
  public static void putAlarm(ObjectNode n, Alarm a) {
    n.put("entity", a.entity());
    n.put("alarm_id", a.id());
    n.put("condition", a.condition());
    n.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
    n.put("text", a.text());
    n.put("raised_ms", a.raisedAtMillis());
    if (!a.active()) {
      n.put("cleared_ms", a.clearedAtMillis());
    }
    number(n, "value", a.rounded(a.value()));
    number(n, "threshold", a.rounded(a.threshold()));
    // Flat by contract: the affected entities as one comma-separated string.
    n.put("affected", String.join(",", a.affected()));
    n.put("affected_count", a.affected().size());
    n.put("replace", a.serviceability().replace());
    n.put("field_replaceable", a.serviceability().fieldReplaceable());
    n.put("advice", a.serviceability().advice());
  }

  private static void number(ObjectNode n, String key, double value) {
    if (Double.isFinite(value)) {
      n.put(key, value);
    } else {
      n.putNull(key);
    }
  }

  public static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      // A tree of plain values always serialises; this is a bug, not a runtime condition.
      throw new IllegalStateException("cannot serialise " + n, e);
    }
  }
}
