package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentStats;
import dev.cpo.agent.core.AgentView;
import java.util.List;
import java.util.function.Function;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/** CPO-SWITCH-MIB cpoAgentStats: the agent's own counters from the latest snapshot. */
final class CpoStatsScalars {

  private final AgentView view;

  CpoStatsScalars(AgentView view) {
    this.view = view;
  }

  List<ManagedObject<?>> objects() {
    return List.of(
        scalar(1, s -> new Counter64(s.pollCycles())),
        scalar(2, s -> new Gauge32(Math.min(0xffffffffL, Math.max(0, s.lastPollDurationMicros())))),
        scalar(3, s -> new Counter64(s.halErrors())),
        scalar(4, s -> new Counter64(s.droppedEvents())),
        scalar(5, s -> new Counter64(s.interrupts())));
  }

  private ManagedObject<?> scalar(int id, Function<AgentStats, Variable> read) {
    OID oid = new OID(CpoOids.STATS).append(id).append(0);
    return new MOScalar<Variable>(oid, MOAccessImpl.ACCESS_READ_ONLY, read.apply(AgentStats.ZERO)) {
      @Override
      public Variable getValue() {
        return read.apply(view.latest().stats());
      }
    };
  }
}
