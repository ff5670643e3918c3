package dev.cpo.agent.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.control.AlarmJson;
import dev.cpo.agent.control.EventStream;
import dev.cpo.agent.control.FaultJson;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.sim.SimulatorControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console's event stream carries. Each new agent snapshot becomes a {@code tick}; entity
 * states and worst alarm severities that changed since the last snapshot become a {@code states}
 * event (a diff); the faceplate's printed readings that changed a {@code readings} event (each changed
 * entity with all its printed readings); a changed set of active alarms an {@code alarms} event; a
 * changed set of active faults a {@code faults} event. A page first reads the whole {@link #picture()}
 * and then applies the diffs newer than it (each carries the snapshot's {@code sequence}). The feed
 * sleeps until the agent tells it of a new snapshot ({@link AgentView#addSnapshotListener}) or the
 * injector of a fault change ({@link dev.cpo.hal.fault.FaultInjector#addChangeListener}), and then looks:
 * a change reaches the stream as soon as the poll that saw it ends, and the feed wakes once a snapshot
 * instead of on a timer. The same look feeds the {@link SensorHistory}. A view that cannot tell is
 * looked at every {@link #CHECK_MILLIS} while a page listens ({@link #IDLE_CHECK_MILLIS} otherwise).
 *
 * <p>What it costs: each event is rendered once, whatever the number of pages following, and only
 * when something changed. With nobody listening only the history is kept: no diff is worked out, and
 * the first look after someone attaches sends every state, reading, alarm and fault of that snapshot
 * (a page ignores what its picture already has), so a page never misses a change made while the feed
 * was not following.
 */
public final class ConsoleFeed implements Component {

  /** How often the feed looks for a new snapshot of a view that cannot tell it: well inside the 200 ms allowed. */
  public static final long CHECK_MILLIS = 50;
  /**
   * How often it looks at such a view while nobody listens (for the history, and to notice a page): a page that
   * attaches is caught up within this, still inside the 200 ms allowed.
   */
  public static final long IDLE_CHECK_MILLIS = 200;
  /** Cleared alarms sent with each {@code alarms} event (the page's "recent history"). */
  static final int HISTORY_SENT = 20;

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Severity[] SEVERITIES = Severity.values();
  private static final Set<EntityClass> FACEPLATE_CLASSES = EnumSet.of(EntityClass.CHASSIS, EntityClass.ASIC,
      EntityClass.OPTICAL_ENGINE, EntityClass.LASER_MODULE, EntityClass.COOLING_LOOP, EntityClass.FAN,
      EntityClass.POWER_INPUT);
  private static final Set<SensorKind> FACEPLATE_KINDS = EnumSet.of(SensorKind.TEMPERATURE, SensorKind.POWER,
      SensorKind.COOLANT_INLET_TEMPERATURE, SensorKind.COOLANT_OUTLET_TEMPERATURE, SensorKind.COOLANT_FLOW,
      SensorKind.FAN_SPEED);

  /** Where events go: the control server's event stream. */
  public interface Sink {
    /** Whether anyone listens; with nobody, events are not even rendered. */
    boolean hasListeners();

    /** Sends one event (a one-line type and a JSON text) to every listener; must not block. */
    void publish(String event, String data);

    /**
     * Sends what one look found, in order; a sink that can sends them together (one write to each page, not one
     * per event). Must not block.
     */
    default void publish(List<EventStream.Event> events) {
      for (EventStream.Event e : events) {
        publish(e.type(), e.data());
      }
    }
  }

  /**
   * The detail streams: for each entity a page has selected, a stream of its own carrying the detail panel's
   * readings each snapshot ({@code detail}) and each new history sample of its sensors ({@code sample}), so the
   * page asks nothing on a timer.
   */
  public interface Details {
    /** None: no page follows a detail. */
    Details NONE = new Details() {
      @Override
      public Collection<String> followed() {
        return List.of();
      }

      @Override
      public void publish(String entity, List<EventStream.Event> events) {}
    };

    /** The entities someone follows the detail of now. */
    Collection<String> followed();

    /** Sends one look's events to the followers of {@code entity}'s detail; must not block. */
    void publish(String entity, List<EventStream.Event> events);
  }

  private final AgentView agent;
  private final SimulatorControl sim;
  private final Details details;
  // The sensors each followed entity's history shows, for the inventory last seen.
  private final Map<String, List<Sensor>> detailSensors = new HashMap<>();
  private Inventory detailInventory;
  private final SensorHistory history;
  private final Sink sink;
  private final Runnable poke = this::poke;
  private volatile Thread thread;
  private volatile boolean poked;
  private boolean snapshotsTold;
  private boolean faultsTold;
  // What the last look sent, touched only under this object's lock; null where the next look sends all.
  private long lastSequence = -1;
  private Inventory lastInventory;
  private boolean following;
  private int[] lastStates;
  private EntityStatus[] lastStatuses;
  private double[] lastReadings;
  private List<Alarm> lastAlarms;
  private String lastFaults;
  private long lastFaultChanges = -1;
  // What this look sends, together at its end.
  private final List<EventStream.Event> out = new java.util.ArrayList<>();
  // The events' JSON is written straight into this one buffer (no tree), each event's text copied out of it.
  private final TextBuffer text = new TextBuffer();
  private double[] readingsNow = new double[0];
  // The faceplate's sensors for the inventory last seen (picture() reads it from other threads).
  private volatile Faceplate faceplate;

  /** @param sim the simulator, for the active faults and settings; null when there is none */
  public ConsoleFeed(AgentView agent, SimulatorControl sim, SensorHistory history, Sink sink) {
    this(agent, sim, history, sink, Details.NONE);
  }

  /** @param details where each followed entity's detail goes */
  public ConsoleFeed(AgentView agent, SimulatorControl sim, SensorHistory history, Sink sink, Details details) {
    this.details = Objects.requireNonNull(details, "details");
    this.agent = Objects.requireNonNull(agent, "agent");
    this.sim = sim;
    this.history = Objects.requireNonNull(history, "history");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public String name() {
    return "console-feed";
  }

  @Override
  public synchronized void start() {
    // Told of each new snapshot and each fault change, the feed sleeps until one comes: no timer.
    snapshotsTold = agent.addSnapshotListener(poke);
    faultsTold = sim == null || sim.faults().addChangeListener(poke);
    Thread t = new Thread(this::run, "console-feed");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Wakes the feed for a look: a new snapshot, a fault change. Runs on the thread that made it; only signals. */
  private void poke() {
    poked = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** One look each time something may have changed, until stopped. */
  private void run() {
    Thread me = Thread.currentThread();
    while (thread == me && !me.isInterrupted()) {
      // Cleared before the look: a poke during it makes another.
      poked = false;
      check();
      long wait = waitMillis();
      while (thread == me && !poked && !me.isInterrupted()) {
        if (wait == 0) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(wait));
          break;
        }
      }
    }
  }

  /**
   * How long to sleep between looks when nothing pokes the feed: for ever (0) when the agent tells each snapshot
   * and the injector each fault change; else the timer of a view that cannot tell, sooner while someone listens.
   */
  private long waitMillis() {
    boolean listened = sink.hasListeners();
    if (!snapshotsTold) {
      return listened ? CHECK_MILLIS : IDLE_CHECK_MILLIS;
    }
    return !faultsTold && listened ? CHECK_MILLIS : 0;
  }

  @Override
  public synchronized void stop() {
    Thread t = thread;
    if (t != null) {
      agent.removeSnapshotListener(poke);
      if (sim != null) {
        sim.faults().removeChangeListener(poke);
      }
      thread = null;
      LockSupport.unpark(t);
    }
  }

  /**
   * Everything the page shows, as of the latest snapshot: {@code tick} fields, {@code states} of every
   * entity, {@code alarms} and {@code faults} as their events carry them.
   */
  public ObjectNode picture() {
    AgentSnapshot snap = agent.latest();
    ObjectNode o = hello(snap);
    o.set("states", states(snap, null, new int[snap.hal().inventory().entities().size()]).get("states"));
    o.set("readings", readings(snap.hal(), null, true).get("values"));
    o.set("alarms", alarms(snap));
    o.set("faults", faults());
    return o;
  }

  /**
   * The readings the faceplate prints, for the entities it prints them on (ASICs, engines, laser
   * modules, loops, fans, power, chassis; not the thousands of lane and laser sensors, which the detail
   * panel reads for the one entity selected): entity -> kind -> value, to one decimal. Unless
   * {@code all}, only the entities with a value that changed since {@code last} (the values last sent,
   * updated here when not null).
   */
  private ObjectNode readings(HalSnapshot hal, double[] last, boolean all) {
    Faceplate f = faceplate(hal.inventory());
    ObjectNode out = F.objectNode();
    out.put("sequence", hal.sequence());
    ObjectNode values = out.putObject("values");
    double[] now = new double[f.sensors.length];
    for (int i = 0; i < now.length; i++) {
      int s = f.sensors[i];
      double v = hal.value(s);
      now[i] = hal.available(s) && Double.isFinite(v) ? Math.round(v * 10) / 10.0 : Double.NaN;
    }
    for (int g = 0; g < f.entities.length; g++) {
      boolean changed = all || last == null;
      for (int i = f.first[g]; !changed && i < f.first[g + 1]; i++) {
        changed = Double.doubleToLongBits(now[i]) != Double.doubleToLongBits(last[i]);
      }
      if (changed) {
        ObjectNode e = values.putObject(f.entities[g]);
        for (int i = f.first[g]; i < f.first[g + 1]; i++) {
          if (Double.isNaN(now[i])) {
            e.putNull(f.kinds[i]);
          } else {
            e.put(f.kinds[i], now[i]);
          }
        }
      }
    }
    if (last != null) {
      System.arraycopy(now, 0, last, 0, now.length);
    }
    return out;
  }

  /** The sensors the faceplate prints, grouped by entity in the inventory's order; worked out once per inventory. */
  private record Faceplate(Inventory inventory, String[] entities, int[] first, int[] sensors, String[] kinds) {

    static Faceplate of(Inventory inventory) {
      Map<String, List<Sensor>> byEntity = new java.util.LinkedHashMap<>();
      for (Sensor s : inventory.sensors()) {
        if (FACEPLATE_CLASSES.contains(s.entityClass()) && FACEPLATE_KINDS.contains(s.kind())) {
          byEntity.computeIfAbsent(s.entity(), k -> new java.util.ArrayList<>()).add(s);
        }
      }
      String[] entities = byEntity.keySet().toArray(String[]::new);
      int[] first = new int[entities.length + 1];
      List<Sensor> flat = new java.util.ArrayList<>();
      for (int g = 0; g < entities.length; g++) {
        first[g] = flat.size();
        flat.addAll(byEntity.get(entities[g]));
      }
      first[entities.length] = flat.size();
      return new Faceplate(inventory, entities, first, flat.stream().mapToInt(Sensor::index).toArray(),
          flat.stream().map(s -> s.kind().key()).toArray(String[]::new));
    }
  }

  private Faceplate faceplate(Inventory inventory) {
    Faceplate f = faceplate;
    if (f == null || f.inventory != inventory) {
      f = Faceplate.of(inventory);
      faceplate = f;
    }
    return f;
  }

  /** One look at the agent: records history and tells the sink what changed. Public for tests on a manual clock. */
  public synchronized void check() {
    try {
      AgentSnapshot snap = agent.latest();
      HalSnapshot hal = snap.hal();
      boolean fresh = hal.sequence() != lastSequence || hal.inventory() != lastInventory;
      boolean newInventory = fresh && lastInventory != null && hal.inventory() != lastInventory;
      boolean sampled = false;
      if (fresh) {
        lastSequence = hal.sequence();
        lastInventory = hal.inventory();
        sampled = history.record(hal);
        sendDetails(hal, sampled);
      }
      if (!sink.hasListeners()) {
        following = false;
        return;
      }
      // Nobody followed the last look (or the switch changed): this one sends everything afresh.
      boolean all = !following || newInventory;
      following = true;
      if (fresh || all) {
        if (newInventory) {
          send("inventory", hello(snap));
        }
        writeTick(snap);
        boolean alarmsChanged = all || !sameAlarms(lastAlarms, snap.activeAlarms());
        writeReadings(hal, all);
        writeStates(snap, all, alarmsChanged);
        if (alarmsChanged) {
          lastAlarms = snap.activeAlarms();
          send("alarms", alarms(snap));
        }
      }
      if (sim != null) {
        // Asking for the active faults lets the simulator's physics catch up (a full step of the switch):
        // 20 of those a second were most of what an open page cost. The change count costs nothing.
        long changes = sim.faults().changes();
        if (all || changes < 0 || changes != lastFaultChanges) {
          lastFaultChanges = changes;
          List<ActiveFault> active = sim.faults().active();
          String faultKey = faultKey(active);
          if (all || !faultKey.equals(lastFaults)) {
            lastFaults = faultKey;
            send("faults", FaultJson.active(active));
          }
        }
      }
    } catch (RuntimeException e) {
      // The next look runs regardless; a bug here must not stop the feed.
      LOG.warn("console feed check failed", e);
    }
    flush();
  }

  /**
   * To each followed entity's stream: its readings as the readings route answers them ({@code detail}), and when
   * the history took a sample, that sample of the entity's history sensors ({@code sample}: the time and each
   * sensor id's value as the history route gives it).
   */
  private void sendDetails(HalSnapshot hal, boolean sampled) {
    Collection<String> followed = details.followed();
    if (followed.isEmpty()) {
      return;
    }
    if (detailInventory != hal.inventory()) {
      detailInventory = hal.inventory();
      detailSensors.clear();
    }
    for (String name : followed) {
      try {
        Entity e = hal.inventory().entity(name).orElse(null);
        if (e == null) {
          continue;
        }
        ObjectNode readings = ConsoleApi.readings(hal, e);
        readings.put("entity", name);
        List<EventStream.Event> events = new java.util.ArrayList<>(2);
        events.add(new EventStream.Event("detail", write(readings)));
        if (sampled) {
          List<Sensor> sensors = detailSensors.computeIfAbsent(name, k -> HistoryJson.sensorsOf(hal.inventory(), e));
          JsonGenerator g = text.start();
          g.writeStartObject();
          g.writeStringField("entity", name);
          g.writeNumberField("timeMillis", hal.timeMillis());
          g.writeObjectFieldStart("values");
          for (Sensor sensor : sensors) {
            g.writeFieldName(sensor.id());
            // As the history keeps it: a float, a gap where unavailable.
            float v = hal.available(sensor.index()) ? (float) hal.value(sensor.index()) : Float.NaN;
            if (Float.isFinite(v)) {
              g.writeNumber(v);
            } else {
              g.writeNull();
            }
          }
          g.writeEndObject();
          g.writeEndObject();
          events.add(new EventStream.Event("sample", text.end(g)));
        }
        details.publish(name, events);
      } catch (IOException | RuntimeException e) {
        LOG.warn("console feed could not send the detail of {}", name, e);
      }
    }
  }

  /** The {@code tick} event, written as {@link #tick} builds it. */
  private void writeTick(AgentSnapshot snap) {
    JsonGenerator g = text.start();
    try {
      g.writeStartObject();
      g.writeNumberField("sequence", snap.hal().sequence());
      g.writeNumberField("timeMillis", snap.hal().timeMillis());
      if (sim != null) {
        g.writeNumberField("timeScale", sim.settings().timeScale());
        g.writeNumberField("load", sim.settings().load());
      }
      g.writeEndObject();
      out.add(new EventStream.Event("tick", text.end(g)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code readings} event: each faceplate entity one of whose printed values changed since the last look
   * (every one when {@code all}), with all its printed values; no event when none changed. The same values as
   * {@link #readings} puts in the picture.
   */
  private void writeReadings(HalSnapshot hal, boolean all) {
    Faceplate f = faceplate(hal.inventory());
    int n = f.sensors.length;
    if (all || lastReadings == null || lastReadings.length != n) {
      lastReadings = new double[n];
      all = true;
    }
    if (readingsNow.length != n) {
      readingsNow = new double[n];
    }
    double[] now = readingsNow;
    for (int i = 0; i < n; i++) {
      now[i] = printed(hal, f.sensors[i]);
    }
    JsonGenerator g = null;
    try {
      for (int e = 0; e < f.entities.length; e++) {
        boolean changed = all;
        for (int i = f.first[e]; !changed && i < f.first[e + 1]; i++) {
          changed = Double.doubleToLongBits(now[i]) != Double.doubleToLongBits(lastReadings[i]);
        }
        if (!changed) {
          continue;
        }
        if (g == null) {
          g = text.start();
          g.writeStartObject();
          g.writeNumberField("sequence", hal.sequence());
          g.writeObjectFieldStart("values");
        }
        g.writeObjectFieldStart(f.entities[e]);
        for (int i = f.first[e]; i < f.first[e + 1]; i++) {
          g.writeFieldName(f.kinds[i]);
          if (Double.isNaN(now[i])) {
            g.writeNull();
          } else {
            g.writeNumber(now[i]);
          }
        }
        g.writeEndObject();
      }
      if (g != null) {
        g.writeEndObject();
        g.writeEndObject();
        out.add(new EventStream.Event("readings", text.end(g)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.arraycopy(now, 0, lastReadings, 0, n);
  }

  /** A reading as the faceplate prints it: to one decimal; NaN when unavailable. */
  private static double printed(HalSnapshot hal, int sensor) {
    double v = hal.value(sensor);
    return hal.available(sensor) && Double.isFinite(v) ? Math.round(v * 10) / 10.0 : Double.NaN;
  }

  /**
   * The {@code states} event: the entities whose state or worst alarm severity changed since the last look (every
   * entity when {@code all}), as {@link #states} gives them; no event when none changed. While the alarms are the
   * same, only an entity whose status object is another than last look's can have changed: the simulator keeps an
   * unchanged status's object, so a quiet look compares references and reads no status.
   */
  private void writeStates(AgentSnapshot snap, boolean all, boolean alarmsChanged) {
    HalSnapshot hal = snap.hal();
    List<Entity> entities = hal.inventory().entities();
    int n = entities.size();
    if (all || lastStates == null || lastStates.length != n) {
      lastStates = new int[n];
      lastStatuses = new EntityStatus[n];
      all = true;
    }
    Map<String, Severity> worst = alarmsChanged ? worstSeverity(snap.activeAlarms()) : null;
    JsonGenerator g = null;
    try {
      for (int i = 0; i < n; i++) {
        EntityStatus status = hal.entityStatus(i);
        if (!all && !alarmsChanged && status == lastStatuses[i]) {
          continue;
        }
        lastStatuses[i] = status;
        Entity e = entities.get(i);
        Severity s;
        if (worst != null) {
          s = worst.isEmpty() ? null : worst.get(e.name());
        } else {
          // The alarms did not change: neither did the entity's worst severity.
          int sev = lastStates[i] & 15;
          s = sev == 0 ? null : SEVERITIES[sev - 1];
        }
        int code = code(status, s);
        if (!all && code == lastStates[i]) {
          continue;
        }
        lastStates[i] = code;
        if (g == null) {
          g = text.start();
          g.writeStartObject();
          g.writeNumberField("sequence", hal.sequence());
          g.writeObjectFieldStart("states");
        }
        g.writeArrayFieldStart(e.name());
        g.writeString(state(status));
        g.writeString(s == null ? "" : s.name().toLowerCase(Locale.ROOT));
        g.writeEndArray();
      }
      if (g != null) {
        g.writeEndObject();
        g.writeEndObject();
        out.add(new EventStream.Event("states", text.end(g)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether two lists of active alarms show the same: the same alarms, severities and root causes, in order. */
  static boolean sameAlarms(List<Alarm> a, List<Alarm> b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Alarm x = a.get(i);
      Alarm y = b.get(i);
      if (x != y && !(x.id().equals(y.id()) && x.severity() == y.severity()
          && Objects.equals(x.rootCauseId(), y.rootCauseId()))) {
        return false;
      }
    }
    return true;
  }

  /** Sends what this look found, together: each page's connection is woken and written once a look. */
  private void flush() {
    if (out.isEmpty()) {
      return;
    }
    try {
      if (sink.hasListeners()) {
        sink.publish(List.copyOf(out));
      }
    } catch (RuntimeException e) {
      LOG.warn("console feed could not publish", e);
    } finally {
      out.clear();
    }
  }

  private void send(String name, JsonNode body) {
    out.add(new EventStream.Event(name, write(body)));
  }

  private ObjectNode hello(AgentSnapshot snap) {
    ObjectNode o = tick(snap);
    o.put("profile", snap.hal().inventory().profile());
    o.put("entities", snap.hal().inventory().entities().size());
    return o;
  }

  private ObjectNode tick(AgentSnapshot snap) {
    ObjectNode o = F.objectNode();
    o.put("sequence", snap.hal().sequence());
    o.put("timeMillis", snap.hal().timeMillis());
    if (sim != null) {
      o.put("timeScale", sim.settings().timeScale());
      o.put("load", sim.settings().load());
    }
    return o;
  }

  /**
   * Entity name -> [state, worst severity or ""] for each entity whose pair differs from {@code previous}
   * (every entity when previous is null); {@code now} receives every entity's pair as a {@link #code}.
   */
  private static ObjectNode states(AgentSnapshot snap, int[] previous, int[] now) {
    HalSnapshot hal = snap.hal();
    Map<String, Severity> worst = worstSeverity(snap.activeAlarms());
    List<Entity> entities = hal.inventory().entities();
    ObjectNode out = F.objectNode();
    out.put("sequence", hal.sequence());
    ObjectNode states = out.putObject("states");
    for (Entity e : entities) {
      EntityStatus status = hal.entityStatus(e.index());
      Severity s = worst.isEmpty() ? null : worst.get(e.name());
      int code = code(status, s);
      now[e.index()] = code;
      if (previous == null || e.index() >= previous.length || code != previous[e.index()]) {
        ArrayNode pair = states.putArray(e.name());
        pair.add(state(status));
        pair.add(s == null ? "" : s.name().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** An entity's state and worst severity as one number, so a look compares numbers, not strings. */
  private static int code(EntityStatus status, Severity worst) {
    int state = status.adminUp() ? status.state().ordinal() : OperState.values().length;
    return state * 16 + (worst == null ? 0 : worst.ordinal() + 1);
  }

  /** The state as the console names it: an administratively disabled entity is {@code admin-down}. */
  static String state(EntityStatus st) {
    if (!st.adminUp()) {
      return "admin-down";
    }
    return st.state().name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, Severity> worstSeverity(List<Alarm> alarms) {
    Map<String, Severity> worst = new HashMap<>();
    for (Alarm a : alarms) {
      // Severity is ordered most severe first.
      worst.merge(a.entity(), a.severity(), (x, y) -> x.compareTo(y) <= 0 ? x : y);
    }
    return worst;
  }

  private ObjectNode alarms(AgentSnapshot snap) {
    ObjectNode o = F.objectNode();
    o.put("sequence", snap.hal().sequence());
    o.put("activeCount", snap.activeAlarms().size());
    ArrayNode groups = AlarmJson.grouped(snap.activeAlarms());
    o.put("rootCauseCount", groups.size());
    o.set("rootCauses", groups);
    List<Alarm> cleared = agent.history();
    o.set("history", AlarmJson.alarms(cleared.subList(0, Math.min(HISTORY_SENT, cleared.size()))));
    return o;
  }

  private JsonNode faults() {
    return sim == null ? F.arrayNode() : FaultJson.active(sim.faults().active());
  }

  private static String faultKey(List<ActiveFault> faults) {
    StringBuilder sb = new StringBuilder();
    for (ActiveFault f : faults) {
      sb.append(f.id()).append(',');
    }
    return sb.toString();
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise console event", e);
    }
  }

  /**
   * One reused buffer the events' JSON is written into, compact, by a generator that takes no copy of its own:
   * {@link #start} empties it, {@link #end} closes the generator and gives the text.
   */
  private static final class TextBuffer extends Writer {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final StringBuilder chars = new StringBuilder(4096);

    JsonGenerator start() {
      chars.setLength(0);
      try {
        return FACTORY.createGenerator(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String end(JsonGenerator g) throws IOException {
      g.close();
      return chars.toString();
    }

    @Override
    public void write(char[] buf, int off, int len) {
      chars.append(buf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      chars.append(str, off, off + len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
