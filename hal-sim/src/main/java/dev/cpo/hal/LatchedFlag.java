package dev.cpo.hal;

import java.util.Objects;

/**
 * One latched flag.
 *
 * @param module the module that latched it (an {@code els} or {@code oe} entity name)
 * @param entity the entity the flag is about (the module itself, one of its lasers, or a lane)
 * @param kind what happened
 * @param timeMillis when it latched, HAL clock
 */
public record LatchedFlag(String module, String entity, FlagKind kind, long timeMillis) {

  public LatchedFlag {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(kind, "kind");
  }
}
