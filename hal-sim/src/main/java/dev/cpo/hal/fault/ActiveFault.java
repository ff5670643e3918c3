package dev.cpo.hal.fault;

import java.util.Map;
import java.util.Objects;

/**
 * A fault in effect.
 *
 * @param id unique id, used to clear it
 * @param type fault type name
 * @param target entity name
 * @param parameters every numeric parameter's value, defaults filled in
 * @param options every named-choice option's value, defaults filled in
 * @param injectedAtMillis simulator clock time of injection
 */
public record ActiveFault(String id, String type, String target, Map<String, Double> parameters,
    Map<String, String> options, long injectedAtMillis) {

  public ActiveFault {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    parameters = Map.copyOf(parameters);
    options = Map.copyOf(options);
  }

  /** A fault with numeric parameters only. */
  public ActiveFault(String id, String type, String target, Map<String, Double> parameters, long injectedAtMillis) {
    this(id, type, target, parameters, Map.of(), injectedAtMillis);
  }

  /** An option's value (its default was filled in at injection). */
  public String option(String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalStateException("fault " + id + " has no option " + name);
    }
    return v;
  }
}
