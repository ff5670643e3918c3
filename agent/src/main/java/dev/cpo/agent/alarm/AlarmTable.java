package dev.cpo.agent.alarm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active alarms and a bounded history of cleared ones. Each cycle the detectors' candidates are
 * reconciled with the table: new candidates are raised, missing ones cleared. A new alarm whose entity
 * a root cause took down is linked to that root and not notified; roots are raised before symptoms
 * so a fault seen in one snapshot links in that same snapshot. One log line per transition; the
 * transitions are returned, and the caller publishes them (the table knows no event bus).
 *
 * <p>Written by the poll thread only; {@link #active()} and {@link #history()} are immutable copies
 * safe to read from any thread.
 */
public final class AlarmTable {

  private static final Logger LOG = LoggerFactory.getLogger("cpo.alarm");

  private final ServiceabilityAdvisor advisor;
  private final int historySize;
  private final Map<String, Alarm> active = new LinkedHashMap<>();
  private final Map<String, AlarmCandidate> activeRoots = new LinkedHashMap<>();
  private final ArrayDeque<Alarm> history = new ArrayDeque<>();
  private volatile List<Alarm> activeView = List.of();
  private volatile List<Alarm> historyView = List.of();

  public AlarmTable(ServiceabilityAdvisor advisor, int historySize) {
    this.advisor = advisor;
    this.historySize = historySize;
  }

  /** Active alarms, oldest first. */
  public List<Alarm> active() {
    return activeView;
  }

  /** Cleared alarms, newest first. */
  public List<Alarm> history() {
    return historyView;
  }

  /**
   * Raises what is new and clears what is gone.
   *
   * @param desired every condition seen this cycle, by alarm id
   * @param nowMillis HAL clock time of the cycle
   * @return what changed, clears first, then raises (roots before symptoms)
   */
  public List<AlarmTransition> reconcile(Map<String, AlarmCandidate> desired, long nowMillis) {
    List<AlarmTransition> out = new ArrayList<>();
    boolean changed = false;
    for (Iterator<Alarm> it = active.values().iterator(); it.hasNext(); ) {
      Alarm a = it.next();
      if (!desired.containsKey(a.id())) {
        it.remove();
        activeRoots.remove(a.id());
        out.add(clear(a, nowMillis));
        changed = true;
      }
    }
    if (desired.size() != active.size() || !active.keySet().containsAll(desired.keySet())) {
      changed |= raiseNew(desired.values(), nowMillis, true, out);
      changed |= raiseNew(desired.values(), nowMillis, false, out);
    }
    if (changed) {
      activeView = List.copyOf(active.values());
    }
    return out;
  }

  /** Clears every active alarm (the agent stops watching, e.g. on reload of a different switch). */
  public List<AlarmTransition> clearAll(long nowMillis) {
    return reconcile(Map.of(), nowMillis);
  }

  private boolean raiseNew(Collection<AlarmCandidate> candidates, long now, boolean roots, List<AlarmTransition> out) {
    boolean changed = false;
    for (AlarmCandidate c : candidates) {
      if (c.rootCause() != roots || active.containsKey(c.id())) {
        continue;
      }
      AlarmCandidate root = roots ? null : rootOf(c);
      Serviceability service = root == null ? advisor.forAlarm(c.condition(), c.entity())
          : advisor.forAlarm(root.condition(), root.entity());
      Alarm a = new Alarm(c.id(), c.condition().name(), c.severity(), c.entity(), c.text(), now, 0, c.value(),
          c.threshold(), root == null ? null : root.id(), c.affected(), service);
      active.put(a.id(), a);
      if (roots) {
        activeRoots.put(a.id(), c);
      }
      changed = true;
      if (root == null) {
        LOG.info("RAISE {} {} {}: {} | {}{}", a.severity(), a.id(), a.entity(), a.text(), service.advice(),
            a.affected().isEmpty() ? "" : " | affects " + a.affected().size() + " ports and lanes");
      } else {
        LOG.info("RAISE {} {} {}: {} | symptom of {}", a.severity(), a.id(), a.entity(), a.text(), root.id());
      }
      out.add(new AlarmTransition(a, true, root == null));
    }
    return changed;
  }

  /**
   * The active root cause this condition is a consequence of, or null. A coolant flow loss heats
   * everything its loop cools, and hot engines raise lane BER: every non-root alarm raised while it is
   * active is taken as its consequence (roots, such as a protective ASIC shutdown, are still notified).
   */
  private AlarmCandidate rootOf(AlarmCandidate c) {
    for (AlarmCandidate r : activeRoots.values()) {
      if (r.affected().contains(c.entity()) || c.entity().equals(r.entity())
          || c.entity().startsWith(r.entity() + "/")
          || r.condition().switchWide()) {
        return r;
      }
    }
    return null;
  }

  private AlarmTransition clear(Alarm a, long now) {
    Alarm cleared = a.cleared(now);
    history.addFirst(cleared);
    while (history.size() > historySize) {
      history.removeLast();
    }
    historyView = List.copyOf(history);
    if (a.isRootCause()) {
      LOG.info("CLEAR {} {} {} after {} s", a.severity(), a.id(), a.entity(), (now - a.raisedAtMillis()) / 1000);
    } else {
      LOG.info("CLEAR {} {} {} (symptom of {})", a.severity(), a.id(), a.entity(), a.rootCauseId());
    }
    return new AlarmTransition(cleared, false, a.isRootCause());
  }
}
