package dev.cpo.agent.cli;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.lifecycle.StartRefused;
import dev.cpo.agent.snmp.SnmpConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet --switches N [--profile P] [--seed S]}: N simulated switches, each a full agent, in one
 * JVM (see {@link Fleet}), with an optional fleet-wide fault generator ({@link FleetFaults}).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Run N simulated switches, each a full agent, in one JVM.")
final class FleetCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Option(names = "--switches", required = true, paramLabel = "N", description = "how many switches (1 to 256)")
  int switches;

  @Option(names = "--profile", paramLabel = "P", description = "hardware profile of every switch (default: sim.profile)")
  String profile;

  @Option(names = "--seed", paramLabel = "S", description = "switch 1's simulator seed; switch k gets S + k - 1 (default: sim.seed)")
  Long seed;

  @Option(names = "--fault-rate", paramLabel = "PER_MINUTE", defaultValue = "0",
      description = "random catalog faults a minute across the fleet (default 0: none)")
  double faultRate;

  @Option(names = "--fault-hold", paramLabel = "SECONDS", defaultValue = "30",
      description = "how long each generated fault stays before it is cleared (default 30)")
  long faultHoldSeconds;

  @Option(names = "--fault-seed", paramLabel = "S", defaultValue = "1",
      description = "seed of the fault generator: the same seed gives the same faults (default 1)")
  long faultSeed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (faultRate < 0 || faultRate > 6000) {
      err.println("error: --fault-rate " + faultRate + ": must be 0 to 6000 faults a minute");
      return Main.EXIT_USAGE;
    }
    if (faultHoldSeconds < 1) {
      err.println("error: --fault-hold " + faultHoldSeconds + ": must be at least 1 second");
      return Main.EXIT_USAGE;
    }
    Fleet fleet;
    try {
      List<AgentConfig> configs = Fleet.configs(options.file(), options.sets, switches, profile, seed);
      // The profile (one for every switch) first: a config error comes before the host's.
      Simulators.profile(configs.get(0).get(SimConfig.SECTION));
      // Before any simulator is built: a port in use or a bad state.dir is one line, with nothing started.
      StartChecks.beforeStart(configs.get(0), StartChecks.fleetListeners(configs),
          configs.stream().map(AgentConfig::stateDir).toList());
      fleet = Fleet.of(configs);
    } catch (ConfigException | StartRefused e) {
      err.println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    try {
      fleet.start();
    } catch (StartRefused e) {
      // Taken between the check and the bind: the switches already started have been stopped.
      err.println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (Exception e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    List<String> ids = new ArrayList<>(fleet.members().keySet());
    FleetFaults faults = new FleetFaults(ids, fleet.members().values().stream().map(Product::sim).toList(), faultSeed,
        Duration.ofSeconds(faultHoldSeconds));
    faults.start(faultRate);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      faults.close();
      fleet.stop();
      stopped.countDown();
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    banner(fleet, spec.commandLine().getOut());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      faults.close();
      fleet.stop();
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private void banner(Fleet fleet, PrintWriter out) {
    Product first = fleet.first();
    Product last = fleet.members().values().stream().reduce((a, b) -> b).orElseThrow();
    String bind = first.config().get(SnmpConfig.SECTION).bind();
    String community = first.config().get(SnmpConfig.SECTION).community();
    out.println("cpo-agent fleet running: " + fleet.members().size() + " switches (sw1 to sw" + fleet.members().size()
        + "), profile " + first.sim().inventory().profile());
    out.println("  SNMP         udp " + bind + ":" + first.snmp().port() + " (sw1) to " + last.snmp().port() + " (sw"
        + fleet.members().size() + ")   try: snmpget -v2c -c " + community + " " + bind + ":" + last.snmp().port()
        + " 1.3.6.1.2.1.1.5.0");
    if (first.broker() != null) {
      out.println("  MQTT         tcp 127.0.0.1:" + first.broker().port() + "   try: mosquitto_sub -h 127.0.0.1 -p "
          + first.broker().port() + " -V mqttv5 -v -t 'cpo/v1/+/events'");
    }
    out.println("  control API  " + first.control().url() + "   try: curl -s " + first.control().url()
        + "/api/v1/switches");
    if (faultRate > 0) {
      out.println("  faults       " + faultRate + " a minute across the fleet, each held " + faultHoldSeconds
          + " s, seed " + faultSeed + " (log: cpo.fleet.faults)");
    }
    out.println("Stop with Ctrl-C.");
    out.flush();
  }
}
