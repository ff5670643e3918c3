package dev.cpo.agent.cli;

import dev.cpo.agent.bench.BenchPlan;
import dev.cpo.agent.bench.BenchRun;
import dev.cpo.agent.bench.Figures;
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Figures figures = new BenchRun(quick ? BenchPlan.quick() : BenchPlan.full(), spec.commandLine().getErr()).run();
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
