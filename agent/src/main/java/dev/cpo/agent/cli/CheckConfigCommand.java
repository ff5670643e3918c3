package dev.cpo.agent.cli;

import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.core.RuleFiles;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Validates the configuration and exits: 0 when valid, 2 with one line naming the key otherwise. Besides
 * each key's own checks, it loads the simulator profile, so a profile that {@code run} would refuse is
 * caught here too, and checks the host as {@code run} would ({@link StartChecks#validate}): listening
 * addresses of this host, no port given twice, a usable {@code state.dir}. Ports are not probed: the
 * running agent holds them while its next config is checked.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true, description = "Validate the configuration and exit.")
final class CheckConfigCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AgentConfig config;
    try {
      config = options.load();
      // The threshold and policy files the config names are part of the config.
      RuleFiles.load(config.get(AlarmsConfig.SECTION));
      // What run would refuse about this host: addresses not of it, two components on one port, state.dir.
      StartChecks.validate(config, StartChecks.listeners(config), java.util.List.of(config.stateDir()));
      // Built on a manual clock and closed at once: only whether the profile loads matters here.
      try (SimulatedSwitch sim = Simulators.build(config.get(SimConfig.SECTION), new ManualClock())) {
        spec.commandLine().getOut().println("config OK" + (options.file() == null ? " (built-in defaults)" : ": " + options.file())
            + "; profile " + sim.inventory().profile() + " (" + sim.inventory().portCount() + " ports)");
      }
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    return 0;
  }
}
