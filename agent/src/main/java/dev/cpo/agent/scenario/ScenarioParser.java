package dev.cpo.agent.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a scenario file and validates all of it before anything runs; every message names the step
 * (its number and time) and the key at fault.
 */
public final class ScenarioParser {

  /** Where the example scenarios are bundled in the jar. */
  static final String BUNDLED = "/cpo/scenarios/";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_KEYS = Set.of("name", "description", "profile", "seed", "steps");
  private static final Set<String> ACTIONS = Set.of("inject", "clear", "sim", "expect");
  private static final Set<String> SIM_KEYS = Set.of("timeScale", "load", "seed");
  private static final Set<String> COMPARISONS = Set.of("equals", "above", "below", "within");

  private ScenarioParser() {}

  /**
   * Reads a scenario file. A name that is no file but names a bundled example ({@code laser-failure}
   * or {@code laser-failure.yaml}) reads that example.
   */
  public static Scenario parse(Path file) throws ScenarioException {
    byte[] bytes;
    try {
      bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : bundled(file);
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot read: " + e.getMessage());
    }
    return parse(file.toString(), bytes);
  }

  private static byte[] bundled(Path file) throws IOException {
    // Only a bare name, or the repository path of an example (run from elsewhere), means a bundled one.
    boolean exampleName = file.getNameCount() == 1 || file.getParent().equals(Path.of("config", "scenarios"));
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    name = name.endsWith(".yaml") ? name : name + ".yaml";
    try (var in = exampleName ? ScenarioParser.class.getResourceAsStream(BUNDLED + name) : null) {
      if (in == null) {
        throw new java.nio.file.NoSuchFileException(file.toString());
      }
      return in.readAllBytes();
    }
  }

  /** @param source file name for messages */
  public static Scenario parse(String source, byte[] yaml) throws ScenarioException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source + (e.getLocation() != null ? " line " + e.getLocation().getLineNr() : "")
          + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ScenarioException(source + ": cannot read: " + e.getMessage());
    }
    try {
      return parse(root);
    } catch (ScenarioException e) {
      throw new ScenarioException(source + ": " + e.getMessage());
    }
  }

  static Scenario parse(JsonNode root) throws ScenarioException {
    if (root == null || !root.isObject()) {
      throw new ScenarioException("the file must be a mapping with 'name' and 'steps'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!TOP_KEYS.contains(k)) {
        throw new ScenarioException("unknown key '" + k + "'; allowed: " + String.join(", ", TOP_KEYS));
      }
    }
    String name = root.path("name").asText("");
    if (name.isBlank()) {
      throw new ScenarioException("'name' is required");
    }
    String profile = root.hasNonNull("profile") ? root.get("profile").asText() : null;
    Long seed = null;
    if (root.hasNonNull("seed")) {
      if (!root.get("seed").isIntegralNumber()) {
        throw new ScenarioException("'seed' must be an integer, was " + root.get("seed"));
      }
      seed = root.get("seed").asLong();
    }
    JsonNode steps = root.path("steps");
    if (!steps.isArray() || steps.isEmpty()) {
      throw new ScenarioException("'steps' must be a non-empty list");
    }
    List<Step> out = new ArrayList<>();
    Set<String> live = new HashSet<>();
    Duration last = Duration.ZERO;
    for (int i = 0; i < steps.size(); i++) {
      Step s = step(i + 1, steps.get(i), live);
      if (s.at().compareTo(last) < 0) {
        throw new ScenarioException(where(s.number(), s.at()) + "'at' goes back in time (" + Durations.format(s.at())
            + " after " + Durations.format(last) + "); steps must be in time order");
      }
      last = s.at();
      out.add(s);
    }
    return new Scenario(name, profile, seed, out);
  }

  private static String where(int n, Duration at) {
    return "step " + n + (at == null ? "" : " (at " + Durations.format(at) + ")") + ": ";
  }

  private static Step step(int n, JsonNode node, Set<String> live) throws ScenarioException {
    if (!node.isObject()) {
      throw new ScenarioException(where(n, null) + "must be a mapping with 'at' and one of inject, clear, sim, expect");
    }
    if (!node.hasNonNull("at")) {
      throw new ScenarioException(where(n, null) + "'at' is required (e.g. at: 90s)");
    }
    Duration at;
    try {
      at = Durations.parse(node.get("at").asText());
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(where(n, null) + "at: " + e.getMessage());
    }
    String w = where(n, at);
    String action = null;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (k.equals("at")) {
        continue;
      }
      if (!ACTIONS.contains(k)) {
        throw new ScenarioException(w + "unknown key '" + k + "'; a step has 'at' and one of inject, clear, sim, expect");
      }
      if (action != null) {
        throw new ScenarioException(w + "has both '" + action + "' and '" + k + "'; give each its own step");
      }
      action = k;
    }
    if (action == null) {
      throw new ScenarioException(w + "needs one of inject, clear, sim, expect");
    }
    JsonNode body = node.get(action);
    switch (action) {
      case "inject":
        return inject(n, at, w, body, live);
      case "clear":
        if (!body.isTextual() || !live.remove(body.asText())) {
          throw new ScenarioException(w + "clear: '" + body.asText() + "' names no fault injected before it; live: " + live);
        }
        return new Step.Clear(n, at, body.asText());
      case "sim":
        return sim(n, at, w, body);
      default:
        return new Step.Expect(n, at, expectation(w, body));
    }
  }

  private static Step inject(int n, Duration at, String w, JsonNode body, Set<String> live) throws ScenarioException {
    if (!body.isObject()) {
      throw new ScenarioException(w + "inject must be a mapping with name, type, target and any parameters");
    }
    ObjectNode request = body.deepCopy();
    String name = text(w, request, "inject.name");
    text(w, request, "inject.type");
    String target = text(w, request, "inject.target");
    try {
      SwitchRef.parse(target);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(w + "inject.target " + e.getMessage());
    }
    request.remove("name");
    for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (k.equals("type") || k.equals("target") || request.get(k).isNumber()) {
        continue;
      }
      java.util.Optional<dev.cpo.hal.fault.FaultOption> option = dev.cpo.hal.fault.FaultCatalog
          .type(request.get("type").asText()).flatMap(t -> t.options().stream().filter(o -> o.name().equals(k)).findFirst());
      if (option.isEmpty()) {
        throw new ScenarioException(w + "inject." + k + " must be a number (a fault parameter), was " + request.get(k));
      }
      if (!request.get(k).isTextual() || !option.get().choices().contains(request.get(k).asText())) {
        throw new ScenarioException(w + "inject." + k + " must be one of " + String.join(", ", option.get().choices())
            + ", was " + request.get(k));
      }
    }
    if (!live.add(name)) {
      throw new ScenarioException(w + "inject.name '" + name + "' is already in use by a fault not yet cleared");
    }
    return new Step.Inject(n, at, name, request);
  }

  private static Step sim(int n, Duration at, String w, JsonNode body) throws ScenarioException {
    if (!body.isObject() || body.isEmpty()) {
      throw new ScenarioException(w + "sim must be a mapping with timeScale, load and/or seed, and optionally switch");
    }
    ObjectNode settings = (ObjectNode) body.deepCopy();
    String switchId = null;
    if (settings.has("switch")) {
      JsonNode id = settings.remove("switch");
      if (!id.isTextual() || !SwitchRef.isSwitchId(id.asText())) {
        throw new ScenarioException(w + "sim.switch must be a switch of a fleet (e.g. sw7), was " + id);
      }
      switchId = id.asText();
    }
    if (settings.isEmpty()) {
      throw new ScenarioException(w + "sim needs timeScale, load and/or seed besides switch");
    }
    for (Iterator<String> it = settings.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!SIM_KEYS.contains(k)) {
        throw new ScenarioException(w + "unknown key 'sim." + k + "'; allowed: switch, timeScale, load, seed");
      }
      if (!settings.get(k).isNumber()) {
        throw new ScenarioException(w + "sim." + k + " must be a number, was " + settings.get(k));
      }
    }
    return new Step.Sim(n, at, switchId, settings);
  }

  private static Expectation expectation(String w, JsonNode body) throws ScenarioException {
    if (!body.isObject()) {
      throw new ScenarioException(w + "expect must be a mapping: entity, reading or status, and a comparison");
    }
    String entity = text(w, body, "expect.entity");
    try {
      SwitchRef.parse(entity);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(w + "expect.entity " + e.getMessage());
    }
    String reading = body.hasNonNull("reading") ? body.get("reading").asText() : null;
    String status = body.hasNonNull("status") ? body.get("status").asText() : null;
    String alarm = body.hasNonNull("alarm") ? body.get("alarm").asText() : null;
    if ((reading != null ? 1 : 0) + (status != null ? 1 : 0) + (alarm != null ? 1 : 0) != 1) {
      throw new ScenarioException(w + "expect needs exactly one of 'reading' (e.g. bias), 'status' (one of "
          + String.join(", ", Expectation.STATUS_FIELDS) + ") or 'alarm' (a condition, e.g. laser-failure)");
    }
    if (status != null && !Expectation.STATUS_FIELDS.contains(status)) {
      throw new ScenarioException(w + "expect.status '" + status + "' is not one of " + String.join(", ", Expectation.STATUS_FIELDS));
    }
    String comparison = null;
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (COMPARISONS.contains(k)) {
        if (comparison != null) {
          throw new ScenarioException(w + "expect has both '" + comparison + "' and '" + k + "'");
        }
        comparison = k;
      } else if (!Set.of("entity", "reading", "status", "alarm").contains(k)) {
        throw new ScenarioException(w + "unknown key 'expect." + k + "'");
      }
    }
    if (comparison == null) {
      throw new ScenarioException(w + "expect needs one of equals, above, below, within");
    }
    JsonNode v = body.get(comparison);
    if (alarm != null) {
      if (!comparison.equals("equals") || !v.isTextual() || !Expectation.ALARM_STATES.contains(v.asText())) {
        throw new ScenarioException(w + "expect.alarm takes 'equals: active' or 'equals: cleared', was "
            + comparison + ": " + v);
      }
      return new Expectation(entity, null, null, alarm, Expectation.Comparison.EQUALS, v, 0, 0);
    }
    switch (comparison) {
      case "equals":
        if (!v.isValueNode() || v.isNull()) {
          throw new ScenarioException(w + "expect.equals must be a number, text or boolean");
        }
        return new Expectation(entity, reading, status, null, Expectation.Comparison.EQUALS, v, 0, 0);
      case "above":
      case "below":
        if (!v.isNumber()) {
          throw new ScenarioException(w + "expect." + comparison + " must be a number, was " + v);
        }
        return new Expectation(entity, reading, status, null,
            comparison.equals("above") ? Expectation.Comparison.ABOVE : Expectation.Comparison.BELOW, v, 0, 0);
      default:
        if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()
            || v.get(0).asDouble() > v.get(1).asDouble()) {
          throw new ScenarioException(w + "expect.within must be a list [low, high] of two numbers with low <= high, was " + v);
        }
        return new Expectation(entity, reading, status, null, Expectation.Comparison.WITHIN, null,
            v.get(0).asDouble(), v.get(1).asDouble());
    }
  }

  private static String text(String w, JsonNode body, String key) throws ScenarioException {
    JsonNode v = body.get(key.substring(key.indexOf('.') + 1));
    if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
      throw new ScenarioException(w + key + " is required (text)");
    }
    return v.asText();
  }
}
