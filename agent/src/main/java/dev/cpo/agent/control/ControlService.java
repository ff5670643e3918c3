package dev.cpo.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.core.AgentView;
import dev.cpo.hal.Entity;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultException;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.SimulatorControl;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the control API does, without HTTP: each method answers one route with a JSON tree, or throws
 * {@link ApiException} naming what is wrong (and then has changed nothing). Telemetry is read from a
 * supplier of the latest snapshot, so no call waits on hardware.
 */
public final class ControlService {

  private static final Logger LOG = LoggerFactory.getLogger(ControlService.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Supplier<HalSnapshot> telemetry;
  private final SimulatorControl simulator;
  private final AgentView agent;
  private final ConfigReloader reloader;
  private final Supplier<Map<String, String>> components;
  private final long startedNanos = System.nanoTime();

  private ControlService(Builder b) {
    this.telemetry = Objects.requireNonNull(b.telemetry, "telemetry");
    this.simulator = b.simulator;
    this.agent = b.agent;
    this.reloader = b.reloader;
    this.components = b.components;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Liveness, component status, and the age of the telemetry. */
  public ObjectNode health() {
    ObjectNode out = F.objectNode();
    out.put("status", "ok");
    Map<String, String> states = components.get();
    boolean healthy = states.values().stream().allMatch("running"::equals);
    out.put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
    ObjectNode comps = out.putObject("components");
    states.forEach(comps::put);
    ObjectNode t = out.putObject("telemetry");
    // Liveness must answer even when there is no telemetry to show.
    try {
      HalSnapshot snap = snapshot();
      t.put("sequence", snap.sequence());
      t.put("timeMillis", snap.timeMillis());
      // timeMillis is simulated time (sim.timeScale per wall second), as MQTT's ts is: wall time beside it.
      t.put("wallMillis", System.currentTimeMillis());
    } catch (ApiException e) {
      healthy = false;
      t.put("error", e.detail());
    }
    out.put("status", healthy ? "ok" : "degraded");
    if (simulator != null) {
      out.set("sim", simSettings());
    }
    return out;
  }

  public ObjectNode inventory() {
    HalSnapshot snap = snapshot();
    return InventoryJson.inventory(snap.inventory(), snap);
  }

  /** The latest readings of every entity, or of one when {@code entity} is given. */
  public ObjectNode telemetry(String entity) {
    HalSnapshot snap = snapshot();
    if (entity == null) {
      return TelemetryJson.telemetry(snap);
    }
    Entity e = snap.inventory().entity(entity)
        .orElseThrow(() -> ApiException.notFound("unknown-entity", "no entity named '" + entity + "'"));
    return TelemetryJson.telemetry(snap, List.of(e));
  }

  /**
   * Active alarms grouped by root cause, each root with the entities it darkened, what to replace and
   * its symptoms folded under it ({@code rootCauses}); with {@code flat} every active alarm in one list
   * ({@code active}); with {@code history} also the recently cleared ones (newest first).
   */
  public ObjectNode alarms(boolean flat, boolean history) {
    if (agent == null) {
      throw ApiException.unavailable("alarms come from the agent core, which is not running");
    }
    ObjectNode out = F.objectNode();
    var active = agent.latest().activeAlarms();
    out.put("view", flat ? "flat" : "grouped");
    out.put("activeCount", active.size());
    if (flat) {
      out.set("active", AlarmJson.alarms(active));
    } else {
      var groups = AlarmJson.grouped(active);
      out.put("rootCauseCount", groups.size());
      out.set("rootCauses", groups);
    }
    if (history) {
      out.set("history", AlarmJson.alarms(agent.history()));
    }
    return out;
  }

  public JsonNode faultCatalog() {
    return FaultJson.catalog(sim().faults().catalog());
  }

  public JsonNode activeFaults() {
    return FaultJson.active(sim().faults().active());
  }

  /** Injects the fault the body describes. */
  public ObjectNode injectFault(JsonNode body) {
    FaultRequest request = FaultJson.request(body);
    ActiveFault fault;
    try {
      fault = sim().faults().inject(request);
    } catch (FaultException e) {
      throw refused(e);
    }
    LOG.debug("fault {} injected: {} on {} {}", fault.id(), fault.type(), fault.target(), fault.parameters());
    return FaultJson.active(fault);
  }

  public ObjectNode clearFault(String id) {
    ActiveFault fault;
    try {
      fault = sim().faults().clear(id);
    } catch (FaultException e) {
      throw refused(e);
    }
    LOG.debug("fault {} cleared: {} on {}", fault.id(), fault.type(), fault.target());
    return FaultJson.active(fault);
  }

  /** Applies simulator settings; all are checked before any is applied. */
  public ObjectNode updateSim(JsonNode body) {
    SimulatorControl sim = sim();
    SimUpdate update = SimUpdate.parse(body, sim.settings());
    update.applyTo(sim);
    LOG.info("simulator settings now {}", sim.settings());
    return simSettings();
  }

  /** Reloads the config through the agent's reloader. */
  public ObjectNode reloadConfig() {
    if (reloader == null) {
      throw ApiException.unavailable("config reload is not available in this process");
    }
    ConfigReloader.Outcome outcome;
    try {
      outcome = reloader.reload();
    } catch (ConfigException e) {
      throw new ApiException(422, "invalid-config", e.getMessage() + "; the running config is kept");
    }
    ObjectNode out = F.objectNode();
    out.put("source", outcome.source());
    outcome.applied().forEach(out.putArray("applied")::add);
    outcome.restartRequired().forEach(out.putArray("restartRequired")::add);
    return out;
  }

  private ObjectNode simSettings() {
    var s = simulator.settings();
    ObjectNode o = F.objectNode();
    o.put("timeScale", s.timeScale());
    o.put("load", s.load());
    o.put("seed", s.seed());
    return o;
  }

  private HalSnapshot snapshot() {
    HalSnapshot snap = telemetry.get();
    if (snap == null) {
      throw ApiException.unavailable("no telemetry yet");
    }
    return snap;
  }

  private SimulatorControl sim() {
    if (simulator == null) {
      throw ApiException.unavailable("no simulator in this process: faults and sim settings need the simulated switch");
    }
    return simulator;
  }

  static ApiException refused(FaultException e) {
    return switch (e.reason()) {
      case NOT_FOUND -> ApiException.notFound("unknown-fault", e.getMessage());
      case CONFLICT -> new ApiException(409, "conflict", e.getMessage());
      case UNKNOWN_TYPE -> ApiException.badRequest("unknown-type", e.getMessage());
      case UNKNOWN_TARGET -> ApiException.badRequest("unknown-target", e.getMessage());
      case WRONG_TARGET_CLASS -> ApiException.badRequest("wrong-target-class", e.getMessage());
      case UNKNOWN_PARAMETER -> ApiException.badRequest("unknown-parameter", e.getMessage());
      case PARAMETER_OUT_OF_RANGE -> ApiException.badRequest("parameter-out-of-range", e.getMessage());
    };
  }

  /** Assembles a service from the parts this process has; absent parts make their routes answer 503. */
  public static final class Builder {
    private Supplier<HalSnapshot> telemetry;
    private SimulatorControl simulator;
    private AgentView agent;
    private ConfigReloader reloader;
    private Supplier<Map<String, String>> components = Map::of;

    /** Where telemetry comes from: the agent's latest snapshot, or the simulator's. Required. */
    public Builder telemetry(Supplier<HalSnapshot> telemetry) {
      this.telemetry = telemetry;
      return this;
    }

    /** The simulator, for faults and sim settings. */
    public Builder simulator(SimulatorControl simulator) {
      this.simulator = simulator;
      return this;
    }

    /** The agent core, for alarms. */
    public Builder agent(AgentView agent) {
      this.agent = agent;
      return this;
    }

    public Builder reloader(ConfigReloader reloader) {
      this.reloader = reloader;
      return this;
    }

    /** Component name -> state ({@code running} when healthy), for the health route. */
    public Builder components(Supplier<Map<String, String>> components) {
      this.components = Objects.requireNonNull(components, "components");
      return this;
    }

    public ControlService build() {
      return new ControlService(this);
    }
  }
}
