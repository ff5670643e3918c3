package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.StateConfig;
import dev.cpo.agent.control.ApiException;
import dev.cpo.agent.control.Request;
import dev.cpo.agent.control.Response;
import dev.cpo.agent.control.Routes;
import dev.cpo.agent.core.RuleFiles;
import dev.cpo.agent.metrics.MetricsEndpoint;
import dev.cpo.agent.snmp.SnmpConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N simulated switches, each a full agent ({@link Product}: simulator, agent, SNMP, MQTT), in one JVM,
 * as {@code fleet} starts them. Switch k is {@code swk}: SNMP on {@code snmp.port + k - 1}, simulator
 * seed {@code seed + k - 1}, MQTT under {@code cpo/v1/swk/}, state (engine id, boots, saved thresholds) in
 * {@code state.dir/swk} when {@code state.dir} is set (the default is per switch already). The first switch's embedded broker and
 * control API serve the whole fleet: the others publish to that broker, and the control API reaches
 * switch {@code swk} under {@code /api/v1/switches/swk/...} (the plain routes mean sw1).
 */
public final class Fleet implements AutoCloseable {

  /** Most switches one fleet may run (the SNMP ports of a larger one would run into other services). */
  static final int MAX_SWITCHES = 256;

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final String SWITCHES = "/api/v1/switches";
  private static final String METRICS = MetricsEndpoint.PATH.substring(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Product> members = new LinkedHashMap<>();

  private Fleet() {}

  /**
   * Loads switch k's config as {@code file} plus {@code sets} plus its own id, SNMP port, seed and
   * profile, and composes the fleet (nothing started yet).
   *
   * @param profile the profile for every switch, or null for the config's
   * @param seed switch 1's simulator seed, or null for the config's
   * @throws ConfigException naming the key when the config is invalid
   */
  public static Fleet of(Path file, List<String> sets, int switches, String profile, Long seed) throws ConfigException {
    return of(configs(file, sets, switches, profile, seed));
  }

  /**
   * Switch k's config, for k = 1..{@code switches}: {@code file} plus {@code sets} plus its own id, SNMP
   * port, seed, state directory and profile (see {@link #of(Path, List, int, String, Long)}).
   *
   * @throws ConfigException naming the key when the config is invalid
   */
  static List<AgentConfig> configs(Path file, List<String> sets, int switches, String profile, Long seed)
      throws ConfigException {
    if (switches < 1 || switches > MAX_SWITCHES) {
      throw new ConfigException("--switches", "--switches " + switches + ": must be 1 to " + MAX_SWITCHES);
    }
    AgentConfig base = AgentSections.load(file, sets);
    int basePort = base.get(SnmpConfig.SECTION).port();
    long baseSeed = seed != null ? seed : base.get(SimConfig.SECTION).seed();
    if (basePort != 0 && basePort + switches - 1 > 65535) {
      throw new ConfigException("snmp.port", "snmp.port " + basePort + ": " + switches
          + " switches need consecutive ports up to " + (basePort + switches - 1) + ", past 65535");
    }
    String stateDir = base.get(StateConfig.SECTION).dir();
    RuleFiles.load(base.get(AlarmsConfig.SECTION));
    List<AgentConfig> configs = new ArrayList<>();
    for (int k = 1; k <= switches; k++) {
      List<String> own = new ArrayList<>(sets);
      own.add("switch.id=sw" + k);
      own.add("snmp.port=" + (basePort == 0 ? 0 : basePort + k - 1));
      own.add("sim.seed=" + (baseSeed + k - 1));
      if (!stateDir.isBlank()) {
        // Each switch its own engine id, boots and saved thresholds (the default dir is per switch already).
        own.add("state.dir=" + Path.of(stateDir).resolve("sw" + k));
      }
      if (profile != null) {
        own.add("sim.profile=" + profile);
      }
      configs.add(AgentSections.load(file, own));
    }
    return configs;
  }

  /**
   * Composes the fleet of these switches' configs, sw1 first (nothing started yet).
   *
   * @throws ConfigException naming the key when a simulator refuses a setting
   */
  static Fleet of(List<AgentConfig> configs) throws ConfigException {
    Fleet fleet = new Fleet();
    Product first = null;
    for (AgentConfig config : configs) {
      Product p = first == null
          ? Product.of(config, Simulators.build(config.get(SimConfig.SECTION), null), Product.fixed(config))
          : Product.member(config, Simulators.build(config.get(SimConfig.SECTION), null), first);
      if (first == null) {
        first = p;
      }
      fleet.members.put(config.switchId(), p);
    }
    fleet.routes(first.control().routes());
    return fleet;
  }

  /** The fleet's routes on the first switch's control server. */
  private void routes(Routes routes) {
    routes.get(SWITCHES, req -> {
      req.allowQuery();
      List<Map<String, Object>> out = new ArrayList<>();
      members.forEach((id, p) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("profile", p.sim().inventory().profile());
        m.put("snmpPort", p.snmp().port());
        m.put("mqttTopics", "cpo/v1/" + id + "/#");
        m.put("api", SWITCHES + "/" + id + "/");
        m.put("components", p.status());
        out.add(m);
      });
      return Response.ok(JSON.valueToTree(Map.of("switches", out)));
    });
    for (String method : List.of("GET", "POST", "DELETE")) {
      routes.addPrefix(method, SWITCHES + "/", this::toMember);
    }
  }

  /**
   * {@code /api/v1/switches/sw3/faults/f1} -> switch sw3's {@code /api/v1/faults/f1}, and
   * {@code /api/v1/switches/sw3/metrics} -> sw3's {@code /metrics} (a Prometheus target per switch).
   */
  private Response toMember(Request req) {
    String rest = req.remainder();
    int slash = rest.indexOf('/');
    String id = Request.decode(slash < 0 ? rest : rest.substring(0, slash));
    Product p = members.get(id);
    if (p == null) {
      throw new ApiException(404, "unknown-switch", "no switch '" + id + "' in this fleet; it has sw1 to sw"
          + members.size());
    }
    if (slash < 0 || slash == rest.length() - 1) {
      throw new ApiException(404, "unknown-route", "no route " + req.path() + "; a switch's routes are under "
          + SWITCHES + "/" + id + "/ (health, inventory, telemetry, alarms, faults, metrics, ...)");
    }
    String route = rest.substring(slash + 1);
    // A switch's Prometheus endpoint is /metrics, as on a single agent, not under /api/v1/.
    String path = route.equals(METRICS) ? MetricsEndpoint.PATH : "/api/v1/" + route;
    return p.control().routes().dispatch(req.withPath(path));
  }

  /** Starts the switches in order (sw1 first: its broker and control API serve the others). */
  public void start() throws Exception {
    List<Product> started = new ArrayList<>();
    try {
      for (Product p : members.values()) {
        p.start();
        started.add(p);
      }
    } catch (Exception e) {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).stop();
      }
      throw e;
    }
    LOG.info("fleet of {} switches running", members.size());
  }

  /** Stops the switches in reverse order, sw1 (with the broker and control API) last. */
  public void stop() {
    List<Product> all = new ArrayList<>(members.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).stop();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The switches by id, sw1 first. */
  public Map<String, Product> members() {
    return members;
  }

  public Product first() {
    return members.values().iterator().next();
  }
}
