package dev.cpo.agent.cli;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.core.RuleFiles;
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
      RuleFiles.load(config.get(AlarmsConfig.SECTION));
      sim = Simulators.build(config.get(SimConfig.SECTION), null);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Product product = Product.of(config, sim, source());
    try {
      product.start();
    } catch (Exception e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      product.stop();
      stopped.countDown();
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    product.banner().print(spec.commandLine().getOut());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from within the process (tests, embedding) rather than by a signal.
      Runtime.getRuntime().removeShutdownHook(hook);
      product.stop();
      Thread.currentThread().interrupt();
    }
    return 0;
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
