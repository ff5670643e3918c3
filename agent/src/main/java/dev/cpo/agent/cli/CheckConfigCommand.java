package dev.cpo.agent.cli;

import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.core.RuleFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Validates the configuration and exits: 0 when valid, 2 with one line naming the key otherwise. */
@Command(name = "check-config", mixinStandardHelpOptions = true, description = "Validate the configuration and exit.")
final class CheckConfigCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      // The threshold and policy files the config names are part of the config.
      RuleFiles.load(options.load().alarms());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    spec.commandLine().getOut().println("config OK" + (options.file() == null ? " (built-in defaults)" : ": " + options.file()));
    return 0;
  }
}
