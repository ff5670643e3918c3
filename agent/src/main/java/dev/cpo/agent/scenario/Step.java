package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** One step of a scenario, at a simulated time after the start. */
public sealed interface Step {

  /** 1-based position in the file, for messages. */
  int number();

  /** Simulated time after the scenario's start. */
  Duration at();

  /** Injects a fault, remembered under {@code name} for a later {@link Clear}. */
  record Inject(int number, Duration at, String name, ObjectNode request) implements Step {}

  /** Clears the fault injected under {@code name}. */
  record Clear(int number, Duration at, String name) implements Step {}

  /**
   * Changes simulator settings, as {@code POST /api/v1/sim} takes them.
   *
   * @param switchId the fleet's switch whose simulator it changes ({@code sim: {switch: sw7, ...}}), or
   *     null for the switch the run is on
   * @param settings the settings alone, without {@code switch}
   */
  record Sim(int number, Duration at, String switchId, ObjectNode settings) implements Step {}

  /** Checks one telemetry value. */
  record Expect(int number, Duration at, Expectation expectation) implements Step {}

  /** The step's own part of the file, echoed in results. */
  static String describe(Step s) {
    if (s instanceof Inject i) {
      return "inject " + i.name() + ": " + i.request().path("type").asText() + " on "
          + i.request().path("target").asText() + params(i.request());
    } else if (s instanceof Clear c) {
      return "clear " + c.name();
    } else if (s instanceof Sim m) {
      return "sim " + (m.switchId() == null ? "" : "on " + m.switchId() + " ") + m.settings();
    }
    return "expect " + ((Expect) s).expectation();
  }

  private static String params(JsonNode request) {
    ObjectNode p = request.deepCopy();
    p.remove("type");
    p.remove("target");
    return p.isEmpty() ? "" : " " + p;
  }
}
