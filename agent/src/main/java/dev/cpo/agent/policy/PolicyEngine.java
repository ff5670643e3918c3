package dev.cpo.agent.policy;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.alarm.AlarmCandidate;
import dev.cpo.agent.alarm.AlarmConditions;
import dev.cpo.agent.alarm.ThresholdClass;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.GuardedEventBus;
import dev.cpo.agent.threshold.ThresholdStore;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SwitchHal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the policies once per poll cycle, after the alarm table is up to date: acts on alarms held
 * long enough, undoes actions once the entity has recovered for long enough, and latches an entity
 * after too many tries (a {@code protection-latched} alarm says so until an operator resets it).
 * Every action is logged (logger {@code cpo.action}) and published as an ActionTaken event. The poll
 * thread owns it; {@link #reset} is synchronised with it.
 */
public final class PolicyEngine {

  private static final Logger LOG = LoggerFactory.getLogger("cpo.action");

  private final SwitchHal hal;
  private final Inventory inventory;
  private final GuardedEventBus bus;
  private final List<String> fans;
  private final Map<String, State> states = new LinkedHashMap<>();
  private volatile List<Policy> policies;

  public PolicyEngine(SwitchHal hal, GuardedEventBus bus, List<Policy> policies) {
    this.hal = hal;
    this.inventory = hal.inventory();
    this.bus = bus;
    this.policies = List.copyOf(policies);
    this.fans = inventory.entitiesOf(EntityClass.FAN).stream().map(Entity::name).toList();
  }

  /** Replaces the policies (config reload); actions already taken stay in force until they revert. */
  public void replacePolicies(List<Policy> next) {
    policies = List.copyOf(next);
  }

  public List<Policy> policies() {
    return policies;
  }

  /** One cycle: act and undo as the alarms and readings say. */
  public synchronized void evaluate(HalSnapshot snap, List<Alarm> active, ThresholdStore.Resolved thresholds) {
    long now = snap.timeMillis();
    Map<String, Alarm> byId = new HashMap<>();
    for (Alarm a : active) {
      byId.put(a.id(), a);
    }
    for (Policy p : policies) {
      for (Alarm a : active) {
        if (!a.condition().equals(p.condition().name()) || now - a.raisedAtMillis() < p.holdSeconds() * 1000) {
          continue;
        }
        State s = states.computeIfAbsent(p.name() + "|" + a.entity(), k -> new State(p, a.entity()));
        if (!s.acting && !s.latched) {
          s.alarmId = a.id();
          if (apply(p.action(), a.entity(), false, p.fanSpeedPercent())) {
            s.acting = true;
            s.tries++;
            s.recoveredSince = -1;
            publish(now, p.action().key(), a.entity(), p, "alarm " + a.id() + " held " + (now - a.raisedAtMillis()) / 1000
                + " s (try " + s.tries + (p.maxTries() > 0 ? " of " + p.maxTries() : "") + ")", a.id());
          }
        }
      }
    }
    for (State s : states.values()) {
      if (s.acting && !s.latched && s.policy.revert()) {
        checkRecovery(s, snap, byId, thresholds, now);
      }
    }
  }

  /** A {@code protection-latched} candidate for every entity that ran out of tries. */
  public synchronized void collect(Map<String, AlarmCandidate> out) {
    for (State s : states.values()) {
      if (s.latched) {
        AlarmCandidate c = AlarmCandidate.root(AlarmConditions.PROTECTION_LATCHED, s.entity, "Policy "
            + s.policy.name() + " gave up on " + s.entity + " after " + s.tries + " tries; it stays under "
            + s.policy.action().key() + " until an operator resets it", List.of());
        out.put(c.id(), c);
      }
    }
  }

  /**
   * The operator's reset: undoes every action in force on the entity and forgets its tries.
   *
   * @return how many policy states were reset
   */
  public synchronized int reset(String entity, long nowMillis) {
    int n = 0;
    for (State s : new ArrayList<>(states.values())) {
      if (!s.entity.equals(entity)) {
        continue;
      }
      if (s.acting && apply(s.policy.action(), entity, true, s.policy.fanSpeedPercent())) {
        publish(nowMillis, s.policy.action().undoKey(), entity, s.policy, "reset by operator", s.alarmId);
      }
      states.remove(s.policy.name() + "|" + entity);
      n++;
    }
    return n;
  }

  private void checkRecovery(State s, HalSnapshot snap, Map<String, Alarm> active, ThresholdStore.Resolved t,
      long now) {
    Policy p = s.policy;
    if (!recovered(s, snap, active, t)) {
      s.recoveredSince = -1;
      return;
    }
    if (s.recoveredSince < 0) {
      s.recoveredSince = now;
    }
    if (now - s.recoveredSince < p.revertHoldSeconds() * 1000) {
      return;
    }
    if (p.maxTries() > 0 && s.tries >= p.maxTries()) {
      s.latched = true;
      LOG.warn("{} latched on {} after {} tries: stays under {} until an operator resets it", p.name(), s.entity,
          s.tries, p.action().key());
      publish(now, "latch", s.entity, p, "gave up after " + s.tries + " tries; stays under " + p.action().key()
          + " until an operator resets it", s.alarmId);
      return;
    }
    if (apply(p.action(), s.entity, true, p.fanSpeedPercent())) {
      s.acting = false;
      publish(now, p.action().undoKey(), s.entity, p, "recovered for " + (now - s.recoveredSince) / 1000 + " s",
          s.alarmId);
    }
  }

  private boolean recovered(State s, HalSnapshot snap, Map<String, Alarm> active, ThresholdStore.Resolved t) {
    Policy p = s.policy;
    ThresholdClass thresholdClass = p.thresholdClass();
    if (p.revertBelow() == null || thresholdClass == null) {
      return !active.containsKey(s.alarmId);
    }
    for (Sensor sensor : inventory.sensorsOf(s.entity)) {
      if (sensor.kind() == thresholdClass.kind()) {
        int i = sensor.index();
        if (!snap.available(i)) {
          return false;
        }
        double level = t.levels()[i].get(p.revertBelow());
        if (Double.isNaN(level)) {
          return !active.containsKey(s.alarmId);
        }
        return p.revertBelow().high() ? snap.value(i) < level : snap.value(i) > level;
      }
    }
    return !active.containsKey(s.alarmId);
  }

  private boolean apply(PolicyAction action, String entity, boolean undo, double fanSpeedPercent) {
    try {
      switch (action) {
        case LASER_DISABLE -> hal.setLaserEnabled(entity, undo);
        case ASIC_SHUTDOWN -> hal.setAsicShutdown(entity, !undo);
        case ELS_SHUTDOWN -> hal.setLaserModuleShutdown(entity, !undo);
        case FANS_FULL_SPEED -> {
          for (String fan : fans) {
            if (!fan.equals(entity)) {
              hal.setFanSpeedPercent(fan, undo ? fanSpeedPercent : 100);
            }
          }
        }
      }
      return true;
    } catch (HalException | RuntimeException e) {
      // Left untried: the next cycle tries again while the condition holds.
      LOG.error("{} on {} failed: {}", undo ? action.undoKey() : action.key(), entity, e.toString());
      return false;
    }
  }

  private void publish(long now, String action, String entity, Policy p, String reason, String alarmId) {
    LOG.info("ACTION {} {} by policy {}: {}", action, entity, p.name(), reason);
    bus.publish(seq -> new AgentEvent.ActionTaken(seq, now, action, entity, p.name(), reason, alarmId));
  }

  private static final class State {
    final Policy policy;
    final String entity;
    String alarmId;
    boolean acting;
    boolean latched;
    int tries;
    long recoveredSince = -1;

    State(Policy policy, String entity) {
      this.policy = policy;
      this.entity = entity;
    }
  }
}
