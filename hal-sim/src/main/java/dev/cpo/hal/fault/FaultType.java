package dev.cpo.hal.fault;

import dev.cpo.hal.EntityClass;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of fault the simulator can inject.
 *
 * @param name e.g. {@code laser-failure}
 * @param description the effect, in a sentence a lab tester understands
 * @param targetClasses which entity classes it may target
 * @param parameters its parameters; every one has a default
 */
public record FaultType(String name, String description, Set<EntityClass> targetClasses, List<FaultParameter> parameters) {

  public FaultType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    targetClasses = Set.copyOf(targetClasses);
    parameters = List.copyOf(parameters);
  }
}
