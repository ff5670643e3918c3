package dev.cpo.agent.cli;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.core.RuleFiles;
import dev.cpo.agent.lifecycle.StartRefused;
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

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AgentConfig config;
    SimulatedSwitch sim;
    try {
      config = options.load();
      RuleFiles.load(config.get(AlarmsConfig.SECTION));
      dev.cpo.hal.sim.profile.Profile profile = Simulators.profile(config.get(SimConfig.SECTION));
      // Before the simulator is built: a port in use or a bad state.dir is one line, with nothing started.
      StartChecks.beforeStart(config, StartChecks.listeners(config), java.util.List.of(config.stateDir()));
      sim = Simulators.build(config.get(SimConfig.SECTION), null, profile);
    } catch (ConfigException | StartRefused e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Product product = Product.of(config, sim, source());
    try {
      product.start();
    } catch (StartRefused e) {
      // Taken between the check and the bind, or refused by the component itself (SNMP engine state):
      // the components already started have been stopped.
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (Exception e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopWithin(product, STOP_DEADLINE_MS);
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

  /**
   * The longest a signal's stop may take before the process exits anyway: components stop in reverse
   * start order (the MQTT offline status goes out second), and what is still stopping then (the OS
   * releases its sockets) is named in the log.
   */
  static final long STOP_DEADLINE_MS = 800;

  /** Stops the product, logging the signal and the time taken; returns after at most {@code deadlineMs}. */
  static void stopWithin(Product product, long deadlineMs) {
    long t0 = System.nanoTime();
    LOG.info("stopping (SIGTERM, SIGINT or Ctrl-C)");
    Thread stopper = new Thread(product::stop, "shutdown-stop");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(deadlineMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (stopper.isAlive()) {
      java.util.List<String> pending = product.status().entrySet().stream()
          .filter(e -> !e.getValue().equals("stopped") && !e.getValue().equals("not started"))
          .map(java.util.Map.Entry::getKey).toList();
      LOG.warn("cpo-agent exiting after {} ms with {} still stopping", ms, pending);
    } else {
      LOG.info("cpo-agent stopped in {} ms", ms);
    }
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
