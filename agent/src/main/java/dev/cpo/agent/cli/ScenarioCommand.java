package dev.cpo.agent.cli;

import dev.cpo.agent.cli.SimConfig;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.control.ControlService;
import dev.cpo.agent.scenario.LiveTarget;
import dev.cpo.agent.scenario.Scenario;
import dev.cpo.agent.scenario.ScenarioException;
import dev.cpo.agent.scenario.ScenarioParser;
import dev.cpo.agent.scenario.ScenarioRunner;
import dev.cpo.agent.scenario.ScenarioTarget;
import dev.cpo.agent.scenario.ServiceTarget;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scenario run FILE... [--standalone]}: exit 0 only if every expectation of every scenario held. */
@Command(name = "scenario", mixinStandardHelpOptions = true, description = "Run scripted fault scenarios.",
    subcommands = ScenarioCommand.Run.class)
final class ScenarioCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "scenario needs a subcommand: run");
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run scenarios, one after another, against a running agent, or in-process on simulated time"
          + " with --standalone (a fresh switch for each).")
  static final class Run implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*",
        description = "scenario YAML files, e.g. config/scenarios/*.yaml; all are checked before any runs")
    List<Path> files;

    @Option(names = "--standalone", description = "run in-process on a manual clock, as fast as the CPU allows")
    boolean standalone;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8161", description = "control API of the running agent (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--token", defaultValue = "", description = "bearer token (control.token)")
    String token;

    @Mixin ConfigOptions options;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<Scenario> scenarios = new ArrayList<>();
      for (Path file : files) {
        try {
          scenarios.add(ScenarioParser.parse(file));
        } catch (ScenarioException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage());
          return Main.EXIT_USAGE;
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      int passed = 0;
      for (int i = 0; i < scenarios.size(); i++) {
        Scenario scenario = scenarios.get(i);
        if (scenarios.size() > 1) {
          out.println("== " + files.get(i) + " (" + (i + 1) + " of " + scenarios.size() + ")");
        }
        ScenarioTarget target;
        try {
          target = standalone ? standalone(scenario) : new LiveTarget(new ApiTarget(new ControlClient(url, token)));
        } catch (ConfigException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage());
          return Main.EXIT_USAGE;
        }
        try (target) {
          if (new ScenarioRunner(target, out).run(scenario)) {
            passed++;
          }
        } catch (ScenarioTarget.TargetException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage());
          return 1;
        }
      }
      if (scenarios.size() > 1) {
        out.println((passed == scenarios.size() ? "all " : "") + passed + " of " + scenarios.size()
            + " scenarios PASSED");
        out.flush();
      }
      return passed == scenarios.size() ? 0 : 1;
    }

    private ScenarioTarget standalone(Scenario scenario) throws ConfigException {
      AgentConfig config = options.load();
      SimConfig c = config.get(SimConfig.SECTION);
      SimConfig sim = new SimConfig(scenario.profile() != null ? scenario.profile() : c.profile(),
          scenario.seed() != null ? scenario.seed() : c.seed(), c.timeScale(), c.load());
      ManualClock clock = new ManualClock();
      SimulatedSwitch sw = Simulators.build(sim, clock);
      ControlService service = ControlService.builder().telemetry(Snapshots.of(sw)).simulator(sw).build();
      return new ServiceTarget(service, clock, clock::advance, sw);
    }
  }
}
