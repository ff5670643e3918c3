package dev.cpo.agent.cli;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.console.Console;
import dev.cpo.agent.console.ConsoleConfig;
import dev.cpo.agent.control.ControlConfig;
import dev.cpo.agent.control.ControlServer;
import dev.cpo.agent.control.ControlService;
import dev.cpo.agent.control.Request;
import dev.cpo.agent.control.Response;
import dev.cpo.agent.control.RouteHandler;
import dev.cpo.agent.core.Agent;
import dev.cpo.agent.core.RuleFiles;
import dev.cpo.agent.gnmi.GnmiConfig;
import dev.cpo.agent.gnmi.GnmiServer;
import dev.cpo.agent.lifecycle.Lifecycle;
import dev.cpo.agent.metrics.MetricsEndpoint;
import dev.cpo.agent.metrics.SwitchCollector;
import dev.cpo.agent.mqtt.AgentCredentials;
import dev.cpo.agent.mqtt.EmbeddedBroker;
import dev.cpo.agent.mqtt.MqttConfig;
import dev.cpo.agent.mqtt.MqttPublisher;
import dev.cpo.agent.mqtt.TimeBase;
import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.SnmpAgent;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.TrapsConfig;
import dev.cpo.agent.snmp.mib.MibModules;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole product composed from one {@link AgentConfig}, as {@code run} starts it: components start
 * in the order simulator -> agent -> SNMP -> embedded broker -> MQTT -> gNMI -> control API -> console feed and
 * stop in reverse. {@code run} and the end-to-end tests build it the same way, so the tests exercise what
 * users run.
 */
public final class Product implements AutoCloseable {

  private final AgentConfig config;
  private final SimulatedSwitch sim;
  private final Lifecycle lifecycle = new Lifecycle();
  private final Agent agent;
  private final SnmpAgent snmp;
  private final EmbeddedBroker broker;
  private final MqttPublisher mqtt;
  private final GnmiServer gnmi;
  private final ControlServer control;
  private final Console console;

  private Product(AgentConfig config, SimulatedSwitch sim, SimConfigReloader.Source source) {
    this(config, sim, source, null);
  }

  /**
   * @param first for a fleet's second and later switches, the first switch: this one publishes to its
   *     embedded broker (if any) instead of starting one, is served by its gNMI server under its own target
   *     name, and serves no control port of its own: its routes are reached through the first's
   *     {@code /api/v1/switches/{id}/}
   */
  private Product(AgentConfig config, SimulatedSwitch sim, SimConfigReloader.Source source, Product first) {
    this.config = config;
    this.sim = sim;
    lifecycle.add(new SimulatorComponent(sim));
    agent = new Agent(config, sim);
    lifecycle.add(agent);
    snmp = new SnmpAgent(config.get(SnmpConfig.SECTION), config.get(TrapsConfig.SECTION), agent, stateDir(config),
        MibModules.create(agent, config.get(PollingConfig.SECTION)), config.switchId());
    lifecycle.add(snmp);
    MqttConfig mqttConfig = config.get(MqttConfig.SECTION);
    if (first != null) {
      broker = first.broker;
    } else {
      broker = mqttConfig.isEmbedded()
          ? new EmbeddedBroker(mqttConfig.embedded(), AgentCredentials.forEmbedded(mqttConfig)) : null;
      if (broker != null) {
        lifecycle.add(broker);
      }
    }
    // One clock: MQTT stamps status, meta and replies from the simulator's clock, as telemetry is.
    mqtt = MqttPublisher.of(config, agent, broker,
        new TimeBase(sim.clock(), java.time.Clock.systemUTC(), () -> sim.settings().timeScale()));
    lifecycle.add(mqtt);
    long pollMillis = config.get(PollingConfig.SECTION).fastIntervalMs();
    if (first == null) {
      gnmi = new GnmiServer(config.get(GnmiConfig.SECTION), config.switchId(), agent, pollMillis, sim.clock());
      lifecycle.add(gnmi);
    } else {
      // One gNMI server for the fleet (one port): this switch is its target named by the switch id.
      gnmi = first.gnmi;
      gnmi.serve(config.switchId(), agent, pollMillis, sim.clock());
    }
    ControlService service = ControlService.builder()
        .telemetry(() -> agent.latest().hal())
        .simulator(sim)
        .agent(agent)
        .reloader(new SimConfigReloader(source, sim, agent, config))
        .components(lifecycle::status)
        .build();
    control = new ControlServer(config.get(ControlConfig.SECTION), service);
    // Built by the first scrape: an agent nobody scrapes (an SNMP- or gNMI-only NOC, most switches of a lab's
    // fleet) does not hold the collector, and startup does not build it.
    control.routes().get(MetricsEndpoint.PATH,
        new DeferredRoute(() -> MetricsEndpoint.of(new SwitchCollector(agent, config.switchId()))));
    ConsoleConfig consoleConfig = config.get(ConsoleConfig.SECTION);
    if (!consoleConfig.enabled()) {
      console = null;
    } else if (first == null) {
      console = new Console(consoleConfig, agent, sim).register(control.routes());
    } else {
      // A fleet's later switch: its console routes are reached under /api/v1/switches/{id}/ from the first
      // switch's page, and its feed runs only once a page picks it.
      console = new Console(consoleConfig, agent, sim).member(first.control.routes(), config.switchId()).register(control.routes());
    }
    if (first == null) {
      lifecycle.add(control);
    }
    if (console != null) {
      lifecycle.add(console);
    }
  }

  /**
   * Composes the product around a simulator built from {@code config.get(SimConfig.SECTION)} (scaled wall clock, physics
   * advancing in the background), for in-process use: a config reload re-applies this same config.
   *
   * @throws ConfigException naming the key when a rule file is invalid or the simulator refuses a setting
   */
  public static Product of(AgentConfig config) throws ConfigException {
    RuleFiles.load(config.get(AlarmsConfig.SECTION));
    return of(config, Simulators.build(config.get(SimConfig.SECTION), null), fixed(config));
  }

  /** As {@code run} composes it: a reload reads the config again from {@code source}. */
  static Product of(AgentConfig config, SimulatedSwitch sim, SimConfigReloader.Source source) {
    return new Product(Objects.requireNonNull(config, "config"), Objects.requireNonNull(sim, "sim"),
        Objects.requireNonNull(source, "source"));
  }

  /**
   * A fleet member after the first: it publishes to the first switch's broker (none when
   * {@code mqtt.url} names an external one) and serves no control port of its own; its routes are reached
   * through the first switch's ({@code /api/v1/switches/{id}/}).
   */
  static Product member(AgentConfig config, SimulatedSwitch sim, Product first) {
    return new Product(Objects.requireNonNull(config, "config"), Objects.requireNonNull(sim, "sim"), fixed(config),
        Objects.requireNonNull(first, "first"));
  }

  /** A route whose handler is built on its first request. */
  private static final class DeferredRoute implements RouteHandler {
    private final java.util.function.Supplier<? extends RouteHandler> build;
    private volatile RouteHandler handler;

    DeferredRoute(java.util.function.Supplier<? extends RouteHandler> build) {
      this.build = build;
    }

    @Override
    public Response handle(Request request) {
      RouteHandler h = handler;
      if (h == null) {
        synchronized (this) {
          h = handler;
          if (h == null) {
            h = build.get();
            handler = h;
          }
        }
      }
      return h.handle(request);
    }
  }

  /** The state directory of {@code config}'s switch (SNMP engine boots, threshold overrides). */
  public static Path stateDir(AgentConfig config) {
    return config.stateDir();
  }

  /**
   * Starts every component in order; a failure stops those already started and is rethrown.
   *
   * @throws Exception from the component that failed (e.g. a port in use, named)
   */
  public void start() throws Exception {
    lifecycle.start();
  }

  /** Stops every component in reverse order; never throws. */
  public void stop() {
    lifecycle.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** The lines {@code run} prints once started, with the actual ports. */
  Banner banner() {
    return new Banner("cpo-agent running: switch " + config.switchId() + ", " + sim.inventory().model()
        + " (profile " + sim.inventory().profile() + ", " + sim.inventory().portCount() + " ports), simulated time "
        + String.format(Locale.ROOT, "%sx", stripZeros(sim.settings().timeScale())))
        .snmp(config.get(SnmpConfig.SECTION).bind(), snmp.port(), config.get(SnmpConfig.SECTION).community())
        .traps(config.get(TrapsConfig.SECTION).host(), config.get(TrapsConfig.SECTION).port())
        .mqtt(broker != null ? "127.0.0.1" : config.get(MqttConfig.SECTION).url(), broker != null ? broker.port() : -1,
            config.switchId())
        .gnmi(config.get(GnmiConfig.SECTION).bind(), gnmi.port(), config.get(GnmiConfig.SECTION).tls().enabled())
        .control(control.url());
  }

  private static String stripZeros(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A reload source that re-applies {@code config} as it is (in-process products, fleets). */
  static SimConfigReloader.Source fixed(AgentConfig config) {
    return new SimConfigReloader.Source() {
      @Override
      public AgentConfig load() {
        return config;
      }

      @Override
      public String describe() {
        return "in-process config";
      }
    };
  }

  public AgentConfig config() {
    return config;
  }

  /** The simulated switch, also its fault injector ({@link SimulatedSwitch#faults()}). */
  public SimulatedSwitch sim() {
    return sim;
  }

  public Agent agent() {
    return agent;
  }

  public SnmpAgent snmp() {
    return snmp;
  }

  /** The embedded broker, or null when {@code mqtt.url} names an external one. */
  public EmbeddedBroker broker() {
    return broker;
  }

  public MqttPublisher mqtt() {
    return mqtt;
  }

  /** The gNMI server: in a fleet the first switch's, which serves every switch by its target name. */
  public GnmiServer gnmi() {
    return gnmi;
  }

  public ControlServer control() {
    return control;
  }

  /** The lab console, or null when {@code console.enabled} is false. */
  public Console console() {
    return console;
  }

  /** Each component's state, by name (as {@code GET /api/v1/health} shows it). */
  public java.util.Map<String, String> status() {
    return lifecycle.status();
  }
}
