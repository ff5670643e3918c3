package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.cli.SimConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.control.ApiException;
import dev.cpo.agent.control.ControlService;
import dev.cpo.agent.control.FaultJson;
import dev.cpo.agent.control.InventoryJson;
import dev.cpo.agent.control.TelemetryJson;
import dev.cpo.agent.scenario.Durations;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sim snapshot}: the simulated switch's full state as JSON, computed in-process. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Work with the simulated switch in-process.",
    subcommands = SimCommand.Snapshot.class)
final class SimCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "sim needs a subcommand: snapshot");
  }

  @Command(name = "snapshot", mixinStandardHelpOptions = true,
      description = "Print the simulated switch's full state (inventory, telemetry, faults) as JSON and exit.")
  static final class Snapshot implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--profile", description = "hardware profile (default: sim.profile of the built-in config)")
    String profile;

    @Option(names = "--seed", description = "random seed (default: sim.seed)")
    Long seed;

    @Option(names = "--load", description = "traffic load per port, 0..1 (default: sim.load)")
    Double load;

    @Option(names = "--after", paramLabel = "DURATION", defaultValue = "0s",
        description = "simulated time to run before the snapshot, e.g. 90s, 2h, 3d, PT90S (default: ${DEFAULT-VALUE})")
    String after;

    @Option(names = "--fault", paramLabel = "JSON",
        description = "a fault injected at the start, e.g. '{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}'; repeatable")
    List<String> faults = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Duration afterDuration;
      try {
        afterDuration = Durations.parse(after);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--after: " + e.getMessage());
      }
      SimConfig defaults = SimConfig.SECTION.defaults();
      SimConfig simConfig;
      try {
        simConfig = new SimConfig(profile != null ? profile : defaults.profile(), seed != null ? seed : defaults.seed(),
            defaults.timeScale(), load != null ? load : defaults.load());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
      }
      ManualClock clock = new ManualClock();
      SimulatedSwitch sim;
      try {
        sim = Simulators.build(simConfig, clock);
      } catch (ConfigException e) {
        throw new ParameterException(spec.commandLine(), "--profile " + simConfig.profile() + ": " + e.getMessage());
      }
      try (sim) {
        ControlService service = ControlService.builder().telemetry(Snapshots.of(sim)).simulator(sim).build();
        for (String fault : faults) {
          inject(service, fault);
        }
        clock.advance(afterDuration);
        ObjectNode out = JSON.createObjectNode();
        out.put("profile", sim.inventory().profile());
        out.put("seed", sim.settings().seed());
        out.put("load", sim.settings().load());
        out.put("after", Durations.format(afterDuration));
        var snap = sim.snapshot();
        out.set("faults", FaultJson.active(sim.faults().active()));
        out.set("inventory", InventoryJson.inventory(sim.inventory()));
        out.set("telemetry", TelemetryJson.telemetry(snap));
        PrintWriter pw = spec.commandLine().getOut();
        JSON.writerWithDefaultPrettyPrinter().writeValue(pw, out);
        pw.println();
        pw.flush();
      }
      return 0;
    }

    private void inject(ControlService service, String fault) {
      JsonNode body;
      try {
        body = JSON.readTree(fault);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new ParameterException(spec.commandLine(), "--fault " + fault + ": malformed JSON: " + e.getOriginalMessage());
      }
      try {
        service.injectFault(body);
      } catch (ApiException e) {
        throw new ParameterException(spec.commandLine(), "--fault " + fault + ": " + e.error() + ": " + e.detail());
      }
    }
  }
}
