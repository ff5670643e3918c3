package dev.cpo.hal.fault;

import java.util.Map;
import java.util.Objects;

/**
 * A fault in effect.
 *
 * @param id unique id, used to clear it
 * @param type fault type name
 * @param target entity name
 * @param parameters every parameter's value, defaults filled in
 * @param injectedAtMillis simulator clock time of injection
 */
public record ActiveFault(String id, String type, String target, Map<String, Double> parameters, long injectedAtMillis) {

  public ActiveFault {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    parameters = Map.copyOf(parameters);
  }
}
