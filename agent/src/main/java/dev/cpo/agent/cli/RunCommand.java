package dev.cpo.agent.cli;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.control.ControlServer;
import dev.cpo.agent.control.ControlService;
import dev.cpo.agent.core.Agent;
import dev.cpo.agent.core.RuleFiles;
import dev.cpo.agent.lifecycle.Lifecycle;
import dev.cpo.agent.snmp.SnmpAgent;
import dev.cpo.agent.snmp.mib.MibModules;
import java.nio.file.Path;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Starts the whole product and runs until interrupted. Components start in this order and stop in
 * reverse: simulator -> agent -> SNMP -> embedded broker -> MQTT -> control API.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the simulated switch and the agent (default).")
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AgentConfig config;
    SimulatedSwitch sim;
    try {
      config = options.load();
      RuleFiles.load(config.alarms());
      sim = Simulators.build(config.sim(), null);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    // Order: simulator -> agent -> SNMP -> embedded broker -> MQTT -> control API.
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.add(new SimulatorComponent(sim));
    Agent agent = new Agent(config, sim);
    lifecycle.add(agent);
    Path stateDir = config.state().resolve(config.switchConfig().id());
    SnmpAgent snmp = new SnmpAgent(config.snmp(), config.traps(), agent, stateDir,
        MibModules.create(agent, config.polling()));
    lifecycle.add(snmp);
    // Embedded broker and MQTT go here, each adding its banner line below with its actual port.
    ControlServer control = new ControlServer(config.control(), ControlService.builder()
        .telemetry(() -> agent.latest().hal())
        .simulator(sim)
        .agent(agent)
        .reloader(new SimConfigReloader(source(), sim, agent, config))
        .components(lifecycle::status)
        .build());
    lifecycle.add(control);

    try {
      lifecycle.start();
    } catch (Exception e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      lifecycle.stop();
      stopped.countDown();
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    Banner banner = new Banner("cpo-agent running: switch " + config.switchConfig().id() + ", " + sim.inventory().model()
        + " (profile " + sim.inventory().profile() + ", " + sim.inventory().portCount() + " ports), simulated time "
        + String.format(java.util.Locale.ROOT, "%sx", stripZeros(sim.settings().timeScale())))
        .snmp(config.snmp().bind(), snmp.port(), config.snmp().community())
        .traps(config.traps().host(), config.traps().port())
        .control(control.url());
    banner.print(spec.commandLine().getOut());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from within the process (tests, embedding) rather than by a signal.
      Runtime.getRuntime().removeShutdownHook(hook);
      lifecycle.stop();
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String stripZeros(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private SimConfigReloader.Source source() {
    return new SimConfigReloader.Source() {
      @Override
      public AgentConfig load() throws ConfigException {
        return options.load();
      }

      @Override
      public String describe() {
        return options.file() == null ? "defaults" : options.file().toString();
      }
    };
  }
}
