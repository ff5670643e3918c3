package dev.cpo.agent.cli;

import dev.cpo.agent.bench.BrokerBench;
import dev.cpo.agent.bench.BenchPlan;
import dev.cpo.agent.bench.BenchRun;
import dev.cpo.agent.bench.Figures;
import dev.cpo.agent.bench.FleetBench;
import dev.cpo.agent.bench.PerfTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures the product against SPEC.md's performance goals and prints the table with the anchors
 * measured in the same run; starts everything it needs on free loopback ports. Exit 0 when it ran
 * (goals missed or not, which the table says), 1 when it could not run at all.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure the product against SPEC.md's performance goals (about 2-3 minutes; --quick: about 30 s).",
        "Starts the agent on free ports, a net-snmp snmpd as the walk anchor when installed, and its own receivers."})
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--quick", description = "A smoke run of about 30 s with few samples (figures indicative only).")
  boolean quick;

  @Option(names = "--fleet", paramLabel = "N", description = {"Instead: a fleet of 1, 8, 32, 64 ... N switches,",
      "each size in its own child JVM (about 2 minutes a size)."})
  Integer fleet;

  @Option(names = "--broker", description = {"Instead: a fleet of 8's MQTT traffic replayed at rising rates through",
      "the embedded broker and a real mosquitto; the highest rate each delivers without loss."})
  boolean broker;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (broker) {
      BrokerBench bench = new BrokerBench(spec.commandLine().getErr(), sets -> AgentSections.load(null, sets), quick);
      var steps = bench.run();
      out.println();
      bench.table(steps).forEach(out::println);
      bench.notMeasured().forEach(m -> out.println("not measured: " + m));
      if (json != null) {
        bench.writeJson(steps, json);
        out.println("figures written to " + json);
      }
      out.flush();
      return 0;
    }
    if (fleet != null) {
      if (fleet < 1 || fleet > 256) {
        spec.commandLine().getErr().println("error: --fleet " + fleet + ": must be 1 to 256 switches");
        return Main.EXIT_USAGE;
      }
      FleetBench bench = new FleetBench(spec.commandLine().getErr(), quick);
      var rows = bench.run(fleet);
      out.println();
      out.println("cpo-agent fleet" + (quick ? " (--quick: few samples, indicative only)" : "") + ":");
      FleetBench.table(rows).forEach(out::println);
      bench.notMeasured().forEach(m -> out.println("not measured: " + m));
      if (json != null) {
        FleetBench.writeJson(rows, json);
        out.println("figures written to " + json);
      }
      out.flush();
      return 0;
    }
    Figures figures = new BenchRun(quick ? BenchPlan.quick() : BenchPlan.full(), spec.commandLine().getErr(),
        sets -> AgentSections.load(null, sets)).run();
    out.println();
    out.println("cpo-agent performance" + (quick ? " (--quick: few samples, indicative only)" : "") + ":");
    new PerfTable(figures).lines().forEach(out::println);
    var missing = new PerfTable(figures).notMeasured();
    if (!missing.isEmpty()) {
      out.println();
      out.println("not measured:");
      missing.forEach(m -> out.println("  " + m));
    }
    if (json != null) {
      figures.writeJson(json);
      out.println("figures written to " + json);
    }
    out.flush();
    return 0;
  }
}
