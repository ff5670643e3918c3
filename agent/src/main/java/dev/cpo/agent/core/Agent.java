package dev.cpo.agent.core;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.AlarmCandidate;
import dev.cpo.agent.alarm.AlarmTable;
import dev.cpo.agent.alarm.AlarmTransition;
import dev.cpo.agent.alarm.AlarmsConfig;
import dev.cpo.agent.alarm.LinkAlarms;
import dev.cpo.agent.alarm.ServiceabilityAdvisor;
import dev.cpo.agent.alarm.StatusAlarms;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.event.GuardedEventBus;
import dev.cpo.agent.forecast.ForecastConfig;
import dev.cpo.agent.forecast.LaserForecaster;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.agent.policy.PolicyEngine;
import dev.cpo.agent.poll.Poller;
import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.poll.UnavailableSnapshot;
import dev.cpo.agent.threshold.ThresholdAlarms;
import dev.cpo.agent.threshold.ThresholdEvaluator;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdStore;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Listeners;
import dev.cpo.hal.SwitchHal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent core: polls the switch, evaluates thresholds, keeps the alarm table with root causes,
 * applies protective actions and forecasts laser end of life, and publishes one immutable
 * {@link AgentSnapshot} per cycle plus an event stream. Protocol adapters read it through
 * {@link AgentView}; nothing here knows SNMP, MQTT or HTTP.
 *
 * <p>Each cycle, one at a time ({@link Poller} serialises them: a scheduled cycle on the {@code poller}
 * thread, an interrupt's on the {@code hal-reader} thread that read it): thresholds, forecasts, entity states, then the alarm table is
 * reconciled with every detector's candidates, then the policies act on the updated table; then the
 * snapshot is published, then the cycle's events (alarms before the state changes), then the alarm log
 * lines.
 */
public final class Agent implements AgentView, Component {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  static final int EVENT_QUEUE_CAPACITY = 10_000;

  private final SwitchHal hal;
  private final Inventory inventory;
  private final GuardedEventBus bus = new GuardedEventBus(EVENT_QUEUE_CAPACITY);
  private final ThresholdStore thresholds;
  private final ThresholdEvaluator evaluator;
  private final ThresholdAlarms thresholdAlarms;
  private final StatusAlarms statusAlarms;
  private final LinkAlarms linkAlarms;
  private final AlarmTable alarms;
  private final LaserForecaster forecaster;
  private final PolicyEngine policies;
  private final StateWatcher stateWatcher;
  private final Poller poller;
  private final RuleFileWatcher ruleFiles;
  private RuleFiles rules;
  // What the file watcher applied since the last reload answered, so that answer tells it too.
  private final List<String> unreported = new ArrayList<>();
  private volatile AgentConfig config;
  private volatile AgentSnapshot latest;
  private final Listeners snapshotListeners = new Listeners("snapshot");

  /**
   * @throws IllegalArgumentException when the threshold or policy file is invalid (the message names
   *     the key); validate beforehand with {@link RuleFiles#load} to report it as a config error
   */
  public Agent(AgentConfig config, SwitchHal hal) {
    this.config = config;
    this.hal = hal;
    this.inventory = hal.inventory();
    RuleFiles rules;
    try {
      rules = RuleFiles.load(config.get(AlarmsConfig.SECTION));
      ThresholdStore.checkOverrides(inventory, rules.thresholds());
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    this.thresholds = new ThresholdStore(inventory, rules.thresholds(),
        config.stateDir().resolve("thresholds.yaml"), this::thresholdChanged);
    this.evaluator = new ThresholdEvaluator(inventory);
    this.thresholdAlarms = new ThresholdAlarms(inventory, evaluator);
    this.statusAlarms = new StatusAlarms(inventory);
    this.linkAlarms = new LinkAlarms(inventory);
    this.alarms = new AlarmTable(new ServiceabilityAdvisor(inventory), config.get(AlarmsConfig.SECTION).historySize());
    this.forecaster = new LaserForecaster(inventory, config.get(ForecastConfig.SECTION), hal.clock().millis());
    this.policies = new PolicyEngine(hal, bus, rules.policies());
    this.stateWatcher = new StateWatcher(inventory);
    this.poller = new Poller(hal, config.get(PollingConfig.SECTION), this::onCycle);
    this.ruleFiles = new RuleFileWatcher(config.get(AlarmsConfig.SECTION));
    this.rules = rules;
    // Northbound modules are built before the agent starts and may read latest() then: until the
    // first cycle, every reading is unavailable and nothing is alarmed.
    this.latest = new AgentSnapshot(UnavailableSnapshot.of(inventory, null, hal.clock().millis()), List.of(),
        Map.of(), AgentStats.ZERO);
  }

  @Override
  public String name() {
    return "agent";
  }

  /** Reads the switch once (so {@link #latest()} is never null), then polls on schedule. */
  @Override
  public void start() {
    poller.pollOnce();
    poller.start();
    LOG.info("agent polling {} ({} entities, {} sensors) every {} ms", inventory.profile(),
        inventory.entities().size(), inventory.sensors().size(), config.get(PollingConfig.SECTION).fastIntervalMs());
  }

  @Override
  public void stop() {
    poller.stop();
    bus.close();
  }

  /** Runs one poll cycle now, on the caller's thread: for tests that drive a manual clock. */
  public void pollOnce() {
    poller.pollOnce();
  }

  /**
   * Re-reads the threshold and policy files of the running config. When either is invalid nothing
   * changes and the exception names the key.
   */
  public List<String> reload() throws ConfigException {
    return reload(config);
  }

  /**
   * Applies a new configuration's threshold and policy files (and keeps the new config for the next
   * reload). Polling, SNMP, MQTT and ports are not changed at run time. When a file is invalid
   * nothing changes and the exception names the key.
   */
  public synchronized List<String> reload(AgentConfig next) throws ConfigException {
    RuleFiles loaded = RuleFiles.load(next.get(AlarmsConfig.SECTION));
    thresholds.replaceRules(loaded.thresholds());
    policies.replacePolicies(loaded.policies());
    ruleFiles.watch(next.get(AlarmsConfig.SECTION));
    config = next;
    List<String> changed = RuleFiles.differences(rules, loaded);
    rules = loaded;
    LOG.info("reloaded {} threshold classes, {} overrides and {} policies; changed: {}",
        loaded.thresholds().classes().size(), loaded.thresholds().overrides().size(), loaded.policies().size(),
        changed.isEmpty() ? "nothing" : changed);
    unreported.addAll(changed);
    return changed;
  }

  /**
   * As {@link #reload(AgentConfig)}, for an operator's reload: also lists what the file watcher applied
   * since the previous such call, so an edit the agent noticed on its own is still reported.
   */
  public synchronized List<String> reloadAndReport(AgentConfig next) throws ConfigException {
    reload(next);
    List<String> out = unreported.stream().distinct().toList();
    unreported.clear();
    return out;
  }

  /**
   * The operator's reset of protective actions on one entity (e.g. a laser latched off after too many
   * tries): undoes them and forgets the tries.
   *
   * @return how many policy states were reset (0: nothing was in force)
   */
  public int resetProtection(String entity) {
    inventory.require(entity);
    return policies.reset(entity, hal.clock().millis());
  }

  @Override
  public Inventory inventory() {
    return inventory;
  }

  @Override
  public AgentSnapshot latest() {
    return latest;
  }

  @Override
  public List<Alarm> history() {
    return alarms.history();
  }

  @Override
  public EventBus events() {
    return bus;
  }

  @Override
  public ThresholdService thresholds() {
    return thresholds;
  }

  @Override
  public boolean addSnapshotListener(Runnable listener) {
    snapshotListeners.add(listener);
    return true;
  }

  @Override
  public void removeSnapshotListener(Runnable listener) {
    snapshotListeners.remove(listener);
  }

  /** The running configuration. */
  public AgentConfig config() {
    return config;
  }

  private void onCycle(HalSnapshot snap, boolean slowDue, long readNanos) {
    if (slowDue && ruleFiles.changed()) {
      reloadChangedFiles();
    }
    long t0 = System.nanoTime();
    List<LongFunction<AgentEvent>> inventoryEvents = new ArrayList<>(0);
    List<LongFunction<AgentEvent>> stateEvents = new ArrayList<>(0);
    List<AlarmTransition> transitions = List.of();
    try {
      ThresholdStore.Resolved resolved = thresholds.resolved();
      evaluator.evaluate(snap, resolved, slowDue, i -> thresholdAlarms.update(i, snap, resolved));
      forecaster.update(snap);
      stateWatcher.observe(snap, inventoryEvents, stateEvents);
      Map<String, AlarmCandidate> desired = new LinkedHashMap<>();
      statusAlarms.detect(snap, desired);
      linkAlarms.detect(snap, desired);
      thresholdAlarms.collect(desired);
      forecaster.collect(desired);
      policies.collect(desired);
      transitions = alarms.reconcile(desired, snap.timeMillis());
      policies.evaluate(snap, alarms.active(), resolved);
      AgentStats stats = new AgentStats(poller.cycles() + 1, (System.nanoTime() - t0 + readNanos) / 1000,
          poller.halErrors(), bus.dropped(), poller.interrupts());
      latest = new AgentSnapshot(snap, alarms.active(), forecaster.forecasts(), stats);
    } finally {
      // After latest(): a subscriber that reads the agent on an event sees the cycle that found it. The
      // cycle's events go out in this order: laser modules pulled or inserted, then the alarms (root
      // causes first), then the entities' state changes. A fault's alarm is what operators wait for, so it
      // is first in every subscriber's queue (SNMP notifications, the MQTT outbox, gNMI streams); the
      // state changes it caused (a laser's four ports going down, each a linkDown trap and a state
      // message) follow it. Nothing is published while the cycle still works, so no subscriber's thread
      // competes with it for a core. Even when the cycle fails, what the watcher found is published:
      // it compares against this snapshot next time and would not find it again.
      publishAll(inventoryEvents);
      publish(transitions, snap.timeMillis());
      publishAll(stateEvents);
    }
    snapshotListeners.tell();
    // Last: console output is not on the way from a fault to its notification.
    AlarmTable.log(transitions);
  }

  private void publishAll(List<LongFunction<AgentEvent>> events) {
    for (LongFunction<AgentEvent> e : events) {
      bus.publish(e);
    }
  }

  /** The one place alarm events come from: the table's notified transitions, in its order. */
  private void publish(List<AlarmTransition> transitions, long nowMillis) {
    for (AlarmTransition t : transitions) {
      if (t.notified()) {
        Alarm a = t.alarm();
        bus.publish(seq -> t.raised() ? new AgentEvent.AlarmRaised(seq, nowMillis, a)
            : new AgentEvent.AlarmCleared(seq, nowMillis, a));
      }
    }
  }

  private void reloadChangedFiles() {
    try {
      reload();
    } catch (ConfigException e) {
      LOG.error("changed rule file refused, the running thresholds and policies stay: {}", e.getMessage());
    }
  }

  private void thresholdChanged(String sensorId, dev.cpo.agent.threshold.ThresholdSet levels, String by) {
    Map<String, Double> m = new HashMap<>();
    for (ThresholdLevel l : ThresholdLevel.values()) {
      if (!Double.isNaN(levels.get(l))) {
        m.put(l.key(), levels.get(l));
      }
    }
    bus.publish(seq -> new AgentEvent.ThresholdChanged(seq, hal.clock().millis(), sensorId, m, by));
  }
}
