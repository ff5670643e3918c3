package dev.cpo.agent.cli;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} and repeatable {@code --set dotted.key=value}, shared by commands that load config. */
public final class ConfigOptions {

  static final Path DEFAULT_CONFIG = Path.of("config", "agent.yaml");

  @Option(names = "--config", paramLabel = "FILE", description = "config file (default: config/agent.yaml if present)")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key, e.g. --set snmp.port=0")
  List<String> sets = new ArrayList<>();

  /** The file to load: the one given, else config/agent.yaml when it exists, else the built-in defaults. */
  Path file() {
    if (config != null) {
      return config;
    }
    return Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
  }

  AgentConfig load() throws ConfigException {
    return AgentSections.load(file(), sets);
  }
}
