package dev.cpo.agent.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated scenario.
 *
 * @param name a short title
 * @param profile hardware profile for standalone runs, or null for the configured one
 * @param seed simulator seed for standalone runs, or null for the configured one
 * @param steps in time order
 */
public record Scenario(String name, String profile, Long seed, List<Step> steps) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    steps = List.copyOf(steps);
  }
}
