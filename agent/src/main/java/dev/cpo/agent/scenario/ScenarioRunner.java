package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario's steps in time order against a target and prints one line per step. The
 * scenario passes only if every expectation held and every action was accepted.
 *
 * <p>In a fleet, a step may name an entity on another switch ({@code sw7:els3/laser5}), or a {@code sim}
 * step a switch ({@code sim: {switch: sw7, timeScale: 10}}): its fault, clear, expectation or simulator
 * change goes to that switch, at that switch's own simulated time since the start. Every switch
 * named is checked against the fleet before the first step runs; a plain name means the target's own
 * switch.
 */
public final class ScenarioRunner {

  /** Told each step's outcome as it happens (the console shows them on a timeline). */
  public interface Progress {
    /**
     * @param step the step just done
     * @param result the line's result part, e.g. {@code ok (was 600000)}, {@code FAILED (was up)}, {@code ERROR ...}
     * @param ok whether the step held (an expectation) or was accepted (an action)
     */
    void stepDone(Step step, String result, boolean ok);
  }

  private final ScenarioTarget target;
  private final PrintWriter out;
  private final Progress progress;

  public ScenarioRunner(ScenarioTarget target, PrintWriter out) {
    this(target, out, (step, result, ok) -> { });
  }

  public ScenarioRunner(ScenarioTarget target, PrintWriter out, Progress progress) {
    this.target = target;
    this.out = out;
    this.progress = progress;
  }

  /**
   * @return whether every step succeeded; stops at the first action the target refuses
   * @throws ScenarioTarget.TargetException before any step runs when a step names a switch the target's
   *     fleet does not have (the message names the step), or when the target fails
   */
  public boolean run(Scenario scenario) throws ScenarioTarget.TargetException {
    Map<String, ScenarioTarget> switches = switches(scenario);
    try {
      return run(scenario, switches);
    } finally {
      for (ScenarioTarget t : switches.values()) {
        if (t != target) {
          t.close();
        }
      }
    }
  }

  /** The target of every switch the steps name, each checked against the fleet. */
  private Map<String, ScenarioTarget> switches(Scenario scenario) throws ScenarioTarget.TargetException {
    Map<String, ScenarioTarget> out = new LinkedHashMap<>();
    List<String> fleet = null;
    for (Step step : scenario.steps()) {
      Named named = named(step);
      if (named == null || out.containsKey(named.switchId())) {
        continue;
      }
      if (fleet == null) {
        fleet = target.switches();
      }
      String where = "step " + step.number() + " (at " + Durations.format(step.at()) + "): ";
      if (fleet.isEmpty()) {
        throw new ScenarioTarget.TargetException(where + named.as() + " names switch '" + named.switchId()
            + "', but the target is a single switch, not a fleet; " + named.fix());
      }
      if (!fleet.contains(named.switchId())) {
        throw new ScenarioTarget.TargetException(where + "unknown switch '" + named.switchId() + "' in " + named.as()
            + "; this fleet has " + (fleet.size() <= 8 ? String.join(", ", fleet)
                : fleet.get(0) + " to " + fleet.get(fleet.size() - 1) + " (" + fleet.size() + " switches)"));
      }
      ScenarioTarget t = target.on(named.switchId());
      out.put(named.switchId(), t);
    }
    return out;
  }

  /**
   * A switch a step names, as the step names it ({@code 'sw7:port17'}, {@code sim.switch}), and how to
   * write the step for a single switch; for messages.
   */
  private record Named(String switchId, String as, String fix) {}

  /** The switch a step names, or null for a step that names none (it acts on the run's own switch). */
  private static Named named(Step step) {
    if (step instanceof Step.Sim m) {
      return m.switchId() == null ? null : new Named(m.switchId(), "sim.switch", "leave out sim.switch");
    }
    SwitchRef ref = ref(step);
    return ref == null || ref.switchId() == null ? null
        : new Named(ref.switchId(), "'" + ref + "'", "name the entity without 'switch:'");
  }

  /** The entity a step names with its switch, or null for a step that names none. */
  private static SwitchRef ref(Step step) {
    if (step instanceof Step.Inject i) {
      return SwitchRef.parse(i.request().path("target").asText());
    }
    if (step instanceof Step.Expect e) {
      return e.expectation().ref();
    }
    return null;
  }

  private boolean run(Scenario scenario, Map<String, ScenarioTarget> switches)
      throws ScenarioTarget.TargetException {
    out.println("scenario: " + scenario.name() + " (" + scenario.steps().size() + " steps)");
    long start = target.nowMillis();
    Map<ScenarioTarget, Long> starts = new HashMap<>();
    starts.put(target, start);
    for (ScenarioTarget t : switches.values()) {
      if (!starts.containsKey(t)) {
        starts.put(t, t.nowMillis());
      }
    }
    Map<String, Injected> ids = new HashMap<>();
    int failed = 0;
    int expectations = 0;
    for (Step step : scenario.steps()) {
      target.advanceTo(start + step.at().toMillis());
      String prefix = String.format("[%8s] step %d %s: ", Durations.format(step.at()), step.number(), Step.describe(step));
      try {
        ScenarioTarget on = on(step, switches, ids);
        if (on != target) {
          // That switch's own clock, and a snapshot of it taken after its last action.
          on.advanceTo(starts.get(on) + step.at().toMillis());
        }
        String result = apply(step, on, ids);
        if (step instanceof Step.Expect) {
          expectations++;
          if (result.startsWith("FAILED")) {
            failed++;
          }
        }
        out.println(prefix + result);
        progress.stepDone(step, result, !result.startsWith("FAILED"));
      } catch (ScenarioTarget.TargetException e) {
        out.println(prefix + "ERROR " + e.getMessage());
        progress.stepDone(step, "ERROR " + e.getMessage(), false);
        out.println("scenario FAILED: step " + step.number() + " was refused");
        out.flush();
        return false;
      }
    }
    boolean ok = failed == 0;
    out.println(ok ? "scenario PASSED: all " + expectations + " expectations held"
        : "scenario FAILED: " + failed + " of " + expectations + " expectations did not hold");
    out.flush();
    return ok;
  }

  /** A fault injected by the scenario: its id and the switch it is on. */
  private record Injected(String id, ScenarioTarget on) {}

  private ScenarioTarget on(Step step, Map<String, ScenarioTarget> switches, Map<String, Injected> ids) {
    if (step instanceof Step.Clear c) {
      Injected i = ids.get(c.name());
      return i == null ? target : i.on();
    }
    Named named = named(step);
    return named == null ? target : switches.get(named.switchId());
  }

  private String apply(Step step, ScenarioTarget on, Map<String, Injected> ids) throws ScenarioTarget.TargetException {
    if (step instanceof Step.Inject i) {
      ObjectNode request = i.request().deepCopy();
      request.put("target", ref(step).name());
      String id = on.inject(request).path("id").asText();
      ids.put(i.name(), new Injected(id, on));
      return "ok (id " + id + ")";
    }
    if (step instanceof Step.Clear c) {
      on.clear(ids.remove(c.name()).id());
      return "ok";
    }
    if (step instanceof Step.Sim m) {
      on.sim(m.settings());
      return "ok";
    }
    Expectation x = ((Step.Expect) step).expectation();
    String name = x.ref().name();
    if (x.alarm() != null) {
      boolean active = false;
      for (JsonNode a : on.alarms().path("active")) {
        active |= a.path("condition").asText().equals(x.alarm()) && a.path("entity").asText().equals(name);
      }
      String seen = active ? "active" : "cleared";
      return x.holds(TextNode.valueOf(seen)) ? "ok (was " + seen + ")" : "FAILED (was " + seen + ")";
    }
    JsonNode entity = on.telemetry(name).path("entities").path(0);
    JsonNode observed = x.reading() != null
        ? entity.path("readings").path(x.reading()).path("value")
        : entity.path("status").path(x.status());
    if (x.reading() != null && entity.path("readings").path(x.reading()).isMissingNode()) {
      return "FAILED (" + x.entity() + " has no reading '" + x.reading() + "'; it has "
          + fieldNames(entity.path("readings")) + ")";
    }
    String seen = observed.isMissingNode() || observed.isNull() ? "nothing" : observed.asText();
    return x.holds(observed) ? "ok (was " + seen + ")" : "FAILED (was " + seen + ")";
  }

  private static String fieldNames(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    node.fieldNames().forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n));
    return sb.length() == 0 ? "none" : sb.toString();
  }
}
