package dev.cpo.agent.threshold;

import java.util.Objects;

/**
 * The defaults for one sensor class ({@code laser.bias}): four levels, plus how far a reading must
 * come back before a level clears (hysteresis) and how many consecutive readings must agree before a
 * level changes (debounce).
 *
 * @param levels the four levels, in the class's unit
 * @param hysteresis distance back inside a level, in the class's unit, before it clears
 * @param debounceSamples consecutive readings that must agree before a level is raised or cleared
 */
public record ClassThresholds(ThresholdSet levels, double hysteresis, int debounceSamples) {

  public ClassThresholds {
    Objects.requireNonNull(levels, "levels");
    if (!(hysteresis >= 0) || Double.isInfinite(hysteresis)) {
      throw new IllegalArgumentException("hysteresis must be >= 0, was " + hysteresis);
    }
    if (debounceSamples < 1) {
      throw new IllegalArgumentException("debounceSamples must be >= 1, was " + debounceSamples);
    }
  }
}
