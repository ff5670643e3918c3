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
 * @param parameters its numeric parameters; every one has a default
 * @param options its named-choice parameters (e.g. {@code direction}); every one has a default
 */
public record FaultType(String name, String description, Set<EntityClass> targetClasses, List<FaultParameter> parameters,
    List<FaultOption> options) {

  public FaultType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    targetClasses = Set.copyOf(targetClasses);
    parameters = List.copyOf(parameters);
    options = List.copyOf(options);
  }

  /** A fault type with numeric parameters only. */
  public FaultType(String name, String description, Set<EntityClass> targetClasses, List<FaultParameter> parameters) {
    this(name, description, targetClasses, parameters, List.of());
  }
}
