package dev.cpo.hal.fault;

import java.util.Map;
import java.util.Objects;

/**
 * A request to inject a fault.
 *
 * @param type fault type name, e.g. {@code laser-failure}
 * @param target entity name, e.g. {@code els3/laser5}
 * @param parameters numeric parameter values; missing ones take their defaults
 * @param options named-choice values (e.g. {@code direction=rx}); missing ones take their defaults
 */
public record FaultRequest(String type, String target, Map<String, Double> parameters, Map<String, String> options) {

  public FaultRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    parameters = Map.copyOf(parameters);
    options = Map.copyOf(options);
  }

  /** A request with numeric parameters only. */
  public FaultRequest(String type, String target, Map<String, Double> parameters) {
    this(type, target, parameters, Map.of());
  }

  public static FaultRequest of(String type, String target) {
    return new FaultRequest(type, target, Map.of());
  }
}
