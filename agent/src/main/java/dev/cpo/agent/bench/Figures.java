package dev.cpo.agent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one bench run measured: a number per {@link Metric}, or the reason it was not measured; plus
 * the anchors and details the table prints beside them. Thread-confined to the run.
 */
public final class Figures {

  /** Key of the JSON object that maps each unmeasured figure's key to the reason. */
  public static final String NOT_MEASURED = "not_measured";

  private final Map<Metric, Double> values = new EnumMap<>(Metric.class);
  private final Map<Metric, String> reasons = new EnumMap<>(Metric.class);
  private final Map<String, String> notes = new LinkedHashMap<>();

  /** Records a measured figure. */
  public void put(Metric metric, double value) {
    values.put(metric, value);
    reasons.remove(metric);
  }

  /** Records why {@code metric} was not measured (the first reason given is kept). */
  public void notMeasured(Metric metric, String reason) {
    if (!values.containsKey(metric)) {
      reasons.putIfAbsent(metric, reason);
    }
  }

  public Optional<Double> get(Metric metric) {
    return Optional.ofNullable(values.get(metric));
  }

  /** Why {@code metric} was not measured; "not attempted" when nothing said so. */
  public String reason(Metric metric) {
    return reasons.getOrDefault(metric, "not attempted");
  }

  /** A detail the table prints (an anchor's figure, a second percentile, a count), by name. */
  public void note(String name, String value) {
    notes.put(name, value);
  }

  public Optional<String> noteOf(String name) {
    return Optional.ofNullable(notes.get(name));
  }

  /** Every metric's key, with its number or null, and {@value #NOT_MEASURED}: key -> reason for the nulls. */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode missing = mapper.createObjectNode();
    for (Metric m : Metric.values()) {
      Double v = values.get(m);
      if (v == null) {
        root.putNull(m.key());
        missing.put(m.key(), reason(m));
      } else {
        root.put(m.key(), Math.round(v * 1000) / 1000.0);
      }
    }
    root.set(NOT_MEASURED, missing);
    return root;
  }

  /** Writes {@link #toJson(ObjectMapper)} to {@code file}, indented. */
  public void writeJson(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.writeValue(file.toFile(), toJson(mapper));
  }
}
