package dev.cpo.agent.alarm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active alarms and a bounded history of cleared ones. Each cycle the detectors' candidates are
 * reconciled with the table: new candidates are raised, missing ones cleared. A new alarm whose entity
 * a root cause took down is linked to that root and not notified; roots are raised before symptoms
 * so a fault seen in one snapshot links in that same snapshot. The transitions are returned; the caller
 * publishes them (the table knows no event bus) and then logs one line per transition ({@link #log}).
 *
 * <p>Written by one poll cycle at a time (the poller serialises them); {@link #active()} and {@link #history()} are immutable copies
 * safe to read from any thread.
 */
public final class AlarmTable {

  private static final Logger LOG = LoggerFactory.getLogger("cpo.alarm");

  private final ServiceabilityAdvisor advisor;
  private final int historySize;
  private final Map<String, Alarm> active = new LinkedHashMap<>();
  private final Map<String, ActiveRoot> activeRoots = new LinkedHashMap<>();
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
   * Raises what is new and clears what is gone. Logs nothing: the caller logs the transitions with
   * {@link #log(List)} once it has published them, so console output is not on the way from a fault to
   * its notification.
   *
   * @param desired every condition seen this cycle, by alarm id
   * @param nowMillis HAL clock time of the cycle
   * @return what changed, clears first, then raises (roots before symptoms)
   */
  public List<AlarmTransition> reconcile(Map<String, AlarmCandidate> desired, long nowMillis) {
    List<AlarmTransition> out = new ArrayList<>();
    boolean changed = false;
    boolean cleared = false;
    for (Iterator<Alarm> it = active.values().iterator(); it.hasNext(); ) {
      Alarm a = it.next();
      if (!desired.containsKey(a.id())) {
        it.remove();
        activeRoots.remove(a.id());
        out.add(clear(a, nowMillis));
        changed = true;
        cleared = true;
      }
    }
    if (cleared) {
      historyView = List.copyOf(history);
    }
    if (desired.size() != active.size() || !active.keySet().containsAll(desired.keySet())) {
      changed |= raiseNew(desired, nowMillis, true, out);
      changed |= raiseNew(desired, nowMillis, false, out);
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

  /** The {@code cpo.alarm} log line of each transition {@link #reconcile} returned, in its order. */
  public static void log(List<AlarmTransition> transitions) {
    for (AlarmTransition t : transitions) {
      Alarm a = t.alarm();
      if (t.raised()) {
        if (a.isRootCause()) {
          LOG.info("RAISE {} {} {}: {} | {}{}", a.severity(), a.id(), a.entity(), a.text(),
              a.serviceability().advice(),
              a.affected().isEmpty() ? "" : " | affects " + a.affected().size() + " ports and lanes");
        } else {
          LOG.info("RAISE {} {} {}: {} | symptom of {}", a.severity(), a.id(), a.entity(), a.text(), a.rootCauseId());
        }
      } else if (a.isRootCause()) {
        LOG.info("CLEAR {} {} {} after {} s", a.severity(), a.id(), a.entity(),
            (a.clearedAtMillis() - a.raisedAtMillis()) / 1000);
      } else {
        LOG.info("CLEAR {} {} {} (symptom of {})", a.severity(), a.id(), a.entity(), a.rootCauseId());
      }
    }
  }

  private boolean raiseNew(Map<String, AlarmCandidate> candidates, long now, boolean roots, List<AlarmTransition> out) {
    boolean changed = false;
    for (Map.Entry<String, AlarmCandidate> entry : candidates.entrySet()) {
      AlarmCandidate c = entry.getValue();
      String id = entry.getKey();
      if (c.rootCause() != roots || active.containsKey(id)) {
        continue;
      }
      ActiveRoot root = roots ? null : rootOf(c);
      Serviceability service = root == null ? advisor.forAlarm(c.condition(), c.entity()) : root.service(advisor);
      Alarm a = new Alarm(id, c.condition().name(), c.severity(), c.entity(), c.text(), now, 0, c.value(),
          c.threshold(), root == null ? null : root.id, c.affected(), service);
      active.put(id, a);
      if (roots) {
        activeRoots.put(id, new ActiveRoot(id, c));
      }
      changed = true;
      out.add(new AlarmTransition(a, true, root == null));
    }
    return changed;
  }

  /**
   * The active root cause this condition is a consequence of, or null. A coolant flow loss heats
   * everything its loop cools, and hot engines raise lane BER: every non-root alarm raised while it is
   * active is taken as its consequence (roots, such as a protective ASIC shutdown, are still notified).
   */
  private ActiveRoot rootOf(AlarmCandidate c) {
    for (ActiveRoot r : activeRoots.values()) {
      if (r.covers(c.entity())) {
        return r;
      }
    }
    return null;
  }

  /**
   * An active root cause, with what its symptoms need: a set of the entities it darkened (a laser's
   * failure names dozens of ports and lanes, and each symptom looks itself up), and what to replace,
   * worked out once for all its symptoms.
   */
  private static final class ActiveRoot {
    final String id;
    final AlarmCandidate candidate;
    final Set<String> affected;
    private Serviceability service;

    ActiveRoot(String id, AlarmCandidate candidate) {
      this.id = id;
      this.candidate = candidate;
      this.affected = new HashSet<>(candidate.affected());
    }

    boolean covers(String entity) {
      return affected.contains(entity) || entity.equals(candidate.entity())
          || entity.startsWith(candidate.entity()) && entity.length() > candidate.entity().length()
              && entity.charAt(candidate.entity().length()) == '/'
          || candidate.condition().switchWide();
    }

    Serviceability service(ServiceabilityAdvisor advisor) {
      if (service == null) {
        service = advisor.forAlarm(candidate.condition(), candidate.entity());
      }
      return service;
    }
  }

  private AlarmTransition clear(Alarm a, long now) {
    Alarm cleared = a.cleared(now);
    history.addFirst(cleared);
    while (history.size() > historySize) {
      history.removeLast();
    }
    return new AlarmTransition(cleared, false, a.isRootCause());
  }
}
