package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.SnmpModule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Builds every MIB module of this package for the SNMP agent, sharing one index layout. */
public final class MibModules {

  private MibModules() {}

  /**
   * ENTITY-MIB, ENTITY-SENSOR-MIB, ENTITY-STATE-MIB and CPO-SWITCH-MIB over {@code view.latest()}. The
   * entConfigChange throttle runs on a daemon thread of its own, ended by the ENTITY-MIB module's {@code stop()}.
   *
   * @param polling the agent's poll intervals, which entPhySensorValueUpdateRate reports
   */
  public static List<SnmpModule> create(AgentView view, PollingConfig polling) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "snmp-ent-config-change");
      t.setDaemon(true);
      return t;
    });
    PhysicalLayout layout = new PhysicalLayout(view.inventory());
    return List.of(
        new EntityMib(view, layout, scheduler, EntityMib.DEFAULT_THROTTLE, true),
        new EntitySensorMib(view, layout, polling.fastIntervalMs(), polling.slowIntervalMs()),
        new EntityStateMib(view, layout),
        new CpoSwitchMib(view, layout));
  }
}
