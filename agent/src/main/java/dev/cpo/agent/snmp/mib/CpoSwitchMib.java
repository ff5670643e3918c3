package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.snmp.NotificationSender;
import dev.cpo.agent.snmp.SnmpModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * CPO-SWITCH-MIB (mibs/CPO-SWITCH-MIB.txt): laser modules, lasers with their forecast, optical engines,
 * per-lane optics, the writable threshold table, active alarms and agent statistics; and its
 * notifications cpoAlarmRaised, cpoAlarmCleared and cpoProtectiveAction from the agent's events.
 */
public final class CpoSwitchMib implements SnmpModule {

  private final AgentView view;
  private final PhysicalLayout layout;
  private final CpoAlarmTable alarms;
  private final ModuleObjects objects;
  private EventBus.Subscription subscription;

  /** The module over {@code view.latest()}; notifications start with {@link #start}. */
  public CpoSwitchMib(AgentView view) {
    this(view, new PhysicalLayout(view.inventory()));
  }

  CpoSwitchMib(AgentView view, PhysicalLayout layout) {
    this.view = view;
    this.layout = layout;
    this.alarms = new CpoAlarmTable(view, layout);
    List<ManagedObject<?>> all = new ArrayList<>(new CpoHardwareTables(view, layout).objects());
    all.add(new CpoLaneTable(view, layout).table());
    all.addAll(new CpoPortTables(view, layout).objects());
    all.add(new CpoThresholdTable(view, layout).table());
    all.addAll(alarms.objects());
    all.addAll(new CpoStatsScalars(view).objects());
    this.objects = new ModuleObjects(all);
  }

  @Override
  public Map<OID, String> sysOREntries() {
    return Map.of(CpoOids.ROOT, "CPO-SWITCH-MIB: lasers, optical engines, lane and port optics, FEC, thresholds, alarms");
  }

  @Override
  public void registerMOs(MOServer server, OctetString context) throws DuplicateRegistrationException {
    objects.register(server, context);
  }

  @Override
  public void unregisterMOs(MOServer server, OctetString context) {
    objects.unregister(server, context);
  }

  @Override
  public synchronized void start(NotificationSender sender) {
    subscription = view.events().subscribe("snmp-cpo-switch-mib", e -> notify(sender, e));
  }

  @Override
  public synchronized void stop() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }

  private void notify(NotificationSender sender, AgentEvent event) {
    if (event instanceof AgentEvent.AlarmRaised r) {
      sender.send(CpoOids.ALARM_RAISED, alarms.raisedVarbinds(r.alarm()));
    } else if (event instanceof AgentEvent.AlarmCleared c) {
      sender.send(CpoOids.ALARM_CLEARED, alarms.clearedVarbinds(c.alarm()));
    } else if (event instanceof AgentEvent.ActionTaken a) {
      sender.send(CpoOids.PROTECTIVE_ACTION, actionVarbinds(a));
    }
  }

  private List<VariableBinding> actionVarbinds(AgentEvent.ActionTaken a) {
    return List.of(
        notifyObject(1, new OctetString(a.action())),
        notifyObject(2, new Integer32(layout.ofEntity(a.entity()))),
        notifyObject(3, new OctetString(a.entity())),
        notifyObject(4, new OctetString(a.policy())),
        notifyObject(5, new OctetString(a.reason())),
        notifyObject(6, new OctetString(a.alarmId() == null ? "" : a.alarmId())));
  }

  /** An accessible-for-notify scalar of cpoNotificationObjects, instance .0. */
  private static VariableBinding notifyObject(int id, org.snmp4j.smi.Variable value) {
    return new VariableBinding(new OID(CpoOids.NOTIFICATION_OBJECTS).append(id).append(0), value);
  }
}
