package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a scenario's steps in time order against a target and prints one line per step. The
 * scenario passes only if every expectation held and every action was accepted.
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

  /** @return whether every step succeeded; stops at the first action the target refuses */
  public boolean run(Scenario scenario) throws ScenarioTarget.TargetException {
    out.println("scenario: " + scenario.name() + " (" + scenario.steps().size() + " steps)");
    long start = target.nowMillis();
    Map<String, String> ids = new HashMap<>();
    int failed = 0;
    int expectations = 0;
    for (Step step : scenario.steps()) {
      target.advanceTo(start + step.at().toMillis());
      String prefix = String.format("[%8s] step %d %s: ", Durations.format(step.at()), step.number(), Step.describe(step));
      try {
        String result = apply(step, ids);
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

  private String apply(Step step, Map<String, String> ids) throws ScenarioTarget.TargetException {
    if (step instanceof Step.Inject i) {
      String id = target.inject(i.request()).path("id").asText();
      ids.put(i.name(), id);
      return "ok (id " + id + ")";
    }
    if (step instanceof Step.Clear c) {
      target.clear(ids.remove(c.name()));
      return "ok";
    }
    if (step instanceof Step.Sim m) {
      target.sim(m.settings());
      return "ok";
    }
    Expectation x = ((Step.Expect) step).expectation();
    JsonNode entity = target.telemetry(x.entity()).path("entities").path(0);
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
