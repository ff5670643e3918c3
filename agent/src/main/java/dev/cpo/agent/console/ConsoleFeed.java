package dev.cpo.agent.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.Severity;
import dev.cpo.agent.control.AlarmJson;
import dev.cpo.agent.control.FaultJson;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.sim.SimulatorControl;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console's event stream carries. Each new agent snapshot becomes a {@code tick}; entity
 * states and worst alarm severities that changed since the last snapshot become a {@code states}
 * event (a diff); a changed set of active alarms an {@code alarms} event; a changed set of active
 * faults a {@code faults} event. A page first reads the whole {@link #picture()} and then applies the
 * diffs newer than it (each carries the snapshot's {@code sequence}). The feed looks for a new snapshot
 * every {@link #CHECK_MILLIS}, so a change reaches the stream within that of the poll that saw it; the
 * same look feeds the {@link SensorHistory}. While no page listens, nothing is rendered and it looks only
 * every {@link #IDLE_CHECK_MILLIS}, for the history.
 */
public final class ConsoleFeed implements Component {

  /** How often the feed looks for a new snapshot: well inside the 200 ms the console allows. */
  public static final long CHECK_MILLIS = 50;
  /** How often it looks while no page listens: only the history is kept then. */
  public static final long IDLE_CHECK_MILLIS = 250;
  /** Cleared alarms sent with each {@code alarms} event (the page's "recent history"). */
  static final int HISTORY_SENT = 20;

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
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
  }

  private final AgentView agent;
  private final SimulatorControl sim;
  private final SensorHistory history;
  private final Sink sink;
  private ScheduledExecutorService timer;
  // The last picture seen, touched only under this object's lock.
  private long lastSequence = -1;
  private Inventory lastInventory;
  // Null: nothing sent yet to the present listeners, so the next look sends it all.
  private String[] lastStates;
  private String lastAlarms;
  private String lastFaults;

  /** @param sim the simulator, for the active faults and settings; null when there is none */
  public ConsoleFeed(AgentView agent, SimulatorControl sim, SensorHistory history, Sink sink) {
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
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "console-feed");
      t.setDaemon(true);
      return t;
    });
    timer.execute(this::look);
  }

  /**
   * One look, then the next one scheduled: every {@link #CHECK_MILLIS} while a page listens, every
   * {@link #IDLE_CHECK_MILLIS} while none does (the history needs a sample per 5 s; a page that connects
   * reads the whole picture first, so its first diff may come that much later).
   */
  private void look() {
    check();
    ScheduledExecutorService t;
    synchronized (this) {
      t = timer;
    }
    if (t == null) {
      return;
    }
    try {
      t.schedule(this::look, sink.hasListeners() ? CHECK_MILLIS : IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Stopped meanwhile.
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  /**
   * Everything the page shows, as of the latest snapshot: {@code tick} fields, {@code states} of every
   * entity, {@code alarms} and {@code faults} as their events carry them.
   */
  public ObjectNode picture() {
    AgentSnapshot snap = agent.latest();
    ObjectNode o = hello(snap);
    o.set("states", states(snap, null, new String[snap.hal().inventory().entities().size()]).get("states"));
    o.set("readings", readings(snap.hal()).get("values"));
    o.set("alarms", alarms(snap));
    o.set("faults", faults());
    return o;
  }

  /**
   * The readings the faceplate prints, for the entities it prints them on (ASICs, engines, laser
   * modules, loops, fans, power, chassis; not the thousands of lane and laser sensors, which the detail
   * panel reads for the one entity selected): entity -> kind -> value, to one decimal.
   */
  static ObjectNode readings(HalSnapshot hal) {
    ObjectNode out = F.objectNode();
    out.put("sequence", hal.sequence());
    ObjectNode values = out.putObject("values");
    for (Sensor s : hal.inventory().sensors()) {
      if (!FACEPLATE_CLASSES.contains(s.entityClass()) || !FACEPLATE_KINDS.contains(s.kind())) {
        continue;
      }
      ObjectNode e = values.has(s.entity()) ? (ObjectNode) values.get(s.entity()) : values.putObject(s.entity());
      double v = hal.value(s.index());
      if (hal.available(s.index()) && Double.isFinite(v)) {
        e.put(s.kind().key(), Math.round(v * 10) / 10.0);
      } else {
        e.putNull(s.kind().key());
      }
    }
    return out;
  }

  /** One look at the agent: records history and tells the sink what changed. Public for tests on a manual clock. */
  public synchronized void check() {
    try {
      AgentSnapshot snap = agent.latest();
      HalSnapshot hal = snap.hal();
      if (!sink.hasListeners()) {
        // Nobody to tell: keep the history, and forget what was last sent, so the first look with a
        // listener sends every state, the alarms and the faults afresh (a page reads the picture first).
        if (hal.sequence() != lastSequence || hal.inventory() != lastInventory) {
          lastSequence = hal.sequence();
          lastInventory = hal.inventory();
          history.record(hal);
        }
        lastStates = null;
        lastAlarms = null;
        lastFaults = null;
        return;
      }
      if (hal.sequence() != lastSequence || hal.inventory() != lastInventory) {
        boolean newInventory = lastInventory != null && hal.inventory() != lastInventory;
        lastSequence = hal.sequence();
        lastInventory = hal.inventory();
        history.record(hal);
        String[] now = new String[hal.inventory().entities().size()];
        ObjectNode changes = states(snap, newInventory ? null : lastStates, now);
        lastStates = now;
        if (newInventory) {
          send("inventory", hello(snap));
        }
        send("tick", tick(snap));
        send("readings", readings(hal));
        if (!changes.path("states").isEmpty()) {
          send("states", changes);
        }
        String alarmKey = alarmKey(snap.activeAlarms());
        if (!alarmKey.equals(lastAlarms)) {
          lastAlarms = alarmKey;
          send("alarms", alarms(snap));
        }
      }
      if (sim != null) {
        String faultKey = faultKey(sim.faults().active());
        if (!faultKey.equals(lastFaults)) {
          lastFaults = faultKey;
          send("faults", faults());
        }
      }
    } catch (RuntimeException e) {
      // The next look runs regardless; a bug here must not stop the feed.
      LOG.warn("console feed check failed", e);
    }
  }

  private void send(String name, JsonNode body) {
    if (sink.hasListeners()) {
      sink.publish(name, write(body));
    }
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
   * (every entity when previous is null); {@code now} receives every entity's pair.
   */
  private static ObjectNode states(AgentSnapshot snap, String[] previous, String[] now) {
    HalSnapshot hal = snap.hal();
    Map<String, Severity> worst = worstSeverity(snap.activeAlarms());
    List<Entity> entities = hal.inventory().entities();
    ObjectNode out = F.objectNode();
    out.put("sequence", hal.sequence());
    ObjectNode states = out.putObject("states");
    for (Entity e : entities) {
      String state = state(hal.entityStatus(e.index()));
      Severity s = worst.get(e.name());
      String severity = s == null ? "" : s.name().toLowerCase(Locale.ROOT);
      String key = state + "|" + severity;
      now[e.index()] = key;
      if (previous == null || e.index() >= previous.length || !key.equals(previous[e.index()])) {
        ArrayNode pair = states.putArray(e.name());
        pair.add(state);
        pair.add(severity);
      }
    }
    return out;
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

  private static String alarmKey(List<Alarm> alarms) {
    StringBuilder sb = new StringBuilder();
    for (Alarm a : alarms) {
      sb.append(a.id()).append(':').append(a.severity()).append(':').append(a.rootCauseId()).append(',');
    }
    return sb.toString();
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
}
