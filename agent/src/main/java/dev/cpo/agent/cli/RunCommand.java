package dev.cpo.agent.cli;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.core.Agent;
import dev.cpo.agent.core.RuleFiles;
import dev.cpo.agent.lifecycle.Lifecycle;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Starts the whole product and runs until interrupted. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the simulated switch and the agent (default).")
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AgentConfig config;
    try {
      config = options.load();
      RuleFiles.load(config.alarms());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Lifecycle lifecycle = new Lifecycle();
    SimulatorComponent sim = new SimulatorComponent(config.sim());
    Agent agent = new Agent(config, sim.simulator());
    lifecycle.add(sim).add(agent);
    // Components are added here as they land: simulator, poller, SNMP, MQTT, control API.
    lifecycle.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      lifecycle.stop();
      stopped.countDown();
    }, "shutdown"));
    spec.commandLine().getOut().println("cpo-agent running for switch " + config.switchConfig().id());
    stopped.await();
    return 0;
  }
}
