package dev.cpo.agent.snmp.bench;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.snmp.SnmpAgent;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.agent.snmp.TrapsConfig;
import dev.cpo.agent.snmp.mib.MibModules;
import dev.cpo.agent.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-walk throughput of our agent with every MIB module (ENTITY-MIB, ENTITY-SENSOR-MIB,
 * ENTITY-STATE-MIB, CPO-SWITCH-MIB besides SNMPv2-MIB and IF-MIB), beside net-snmp's snmpd in the same
 * run. Run it with {@code bench/mib-walk.sh}.
 */
public final class MibWalkBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(MibWalkBenchmark.class);
  private static final int WARMUPS = 10;
  private static final int REPETITIONS = 9;

  private MibWalkBenchmark() {}

  public static void main(String[] args) throws Exception {
    String walkTool = Tools.find("snmpbulkwalk").toString();
    String snmpdTool = Tools.find("snmpd").toString();
    Path dir = Files.createTempDirectory("mib-bench");
    AgentView view = BenchSwitch.view();
    List<SnmpModule> modules = MibModules.create(view);
    SnmpAgent agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"), new TrapsConfig("127.0.0.1", 9), view,
        dir.resolve("state"), modules);
    agent.start();
    WalkTimer timer = new WalkTimer(walkTool, REPETITIONS);
    try (NetSnmpd snmpd = new NetSnmpd(snmpdTool, dir)) {
      waitForAnswer(timer, snmpd);
      List<WalkTimer.Figures> figures = timer.measureInterleaved("cpo-agent, all MIBs", agent.port(),
          "net-snmp snmpd", snmpd.port(), WARMUPS);
      WalkTimer.Figures ours = figures.get(0);
      WalkTimer.Figures theirs = figures.get(1);
      StringBuilder report = new StringBuilder("\n");
      for (String line : WalkTimer.table(List.of(ours, theirs))) {
        report.append(line).append('\n');
      }
      report.append(String.format("ratio ours/snmpd (varbinds/s): %.2f%n",
          ours.varbindsPerSecond() / theirs.varbindsPerSecond()));
      report.append("heap used after the walks: ")
          .append((Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20).append(" MiB\n");
      LOG.info("{}", report);
    } finally {
      agent.stop();
    }
  }

  private static void waitForAnswer(WalkTimer timer, NetSnmpd snmpd) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        timer.walk(snmpd.port());
        return;
      } catch (java.io.IOException e) {
        if (attempt > 20 || !snmpd.alive()) {
          throw e;
        }
        // snmpd takes a moment to load its MIB modules; the walk's own 5 s timeout paces the retries.
      }
    }
  }
}
