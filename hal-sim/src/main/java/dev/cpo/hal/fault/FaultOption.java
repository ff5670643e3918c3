package dev.cpo.hal.fault;

import java.util.List;
import java.util.Objects;

/**
 * One named-choice parameter of a fault type, e.g. {@code direction} of {@code fiber-cut} with the
 * choices {@code rx}, {@code tx} and {@code both}.
 *
 * @param name option name as given in an injection request
 * @param choices the allowed values, in documentation order
 * @param defaultChoice used when the request does not give the option; one of {@code choices}
 * @param description what it does
 */
public record FaultOption(String name, List<String> choices, String defaultChoice, String description) {

  public FaultOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    choices = List.copyOf(choices);
    if (!choices.contains(defaultChoice)) {
      throw new IllegalArgumentException("option " + name + ": default " + defaultChoice + " is not one of " + choices);
    }
  }
}
