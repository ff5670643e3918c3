package dev.cpo.agent.gnmi;

import java.util.function.Function;

/**
 * One leaf of the served tree: where it is ({@code prefix + rel}), what kind of value it is, and how
 * to read it from a {@link View}.
 *
 * @param id dense index in {@link OcTree#leaves()}, for per-subscription arrays
 * @param prefix the list entry's container, e.g. {@code /components/component[name=oe1]/state}
 * @param rel the leaf below it, e.g. {@code temperature/instant}
 * @param kind decides what TARGET_DEFINED means for it, and what drives ON_CHANGE
 * @param entity index of the entity whose status a {@link Kind#STATE} leaf reads, else -1
 * @param getter the value (see {@link Values}), or null when there is none now (reading unavailable)
 */
record Leaf(int id, Elems prefix, Elems rel, Kind kind, int entity, Function<View, Object> getter) {

  /** What a leaf is, for TARGET_DEFINED and ON_CHANGE. */
  enum Kind {
    /** Never changes while the agent runs (type, serial number, part number). ON_CHANGE. */
    FIXED,
    /** Follows an entity's operational status, changed by the agent's StateChanged events. ON_CHANGE. */
    STATE,
    /** An analog reading or its statistics. SAMPLE. */
    ANALOG,
    /** A counter. SAMPLE. */
    COUNTER;

    boolean sampledByDefault() {
      return this == ANALOG || this == COUNTER;
    }
  }

  Object value(View v) {
    return getter.apply(v);
  }

  @Override
  public String toString() {
    return prefix.append(rel).toString();
  }
}
