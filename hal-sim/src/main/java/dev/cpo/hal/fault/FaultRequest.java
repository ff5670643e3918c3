package dev.cpo.hal.fault;

import java.util.Map;
import java.util.Objects;

/**
 * A request to inject a fault.
 *
 * @param type fault type name, e.g. {@code laser-failure}
 * @param target entity name, e.g. {@code els3/laser5}
 * @param parameters parameter values; missing ones take their defaults
 */
public record FaultRequest(String type, String target, Map<String, Double> parameters) {

  public FaultRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    parameters = Map.copyOf(parameters);
  }

  public static FaultRequest of(String type, String target) {
    return new FaultRequest(type, target, Map.of());
  }
}
