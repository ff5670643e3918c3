package dev.cpo.agent.gnmi;

/**
 * A part of the tree whose entries come and go (active alarms) or are too many to keep as leaves
 * (threshold levels of every sensor): its leaves are produced from a {@link View} when asked.
 */
interface DynamicTree {

  /** Whether {@code p} can select anything in this subtree (so an empty answer is not NOT_FOUND). */
  boolean covers(PathPattern p);

  /** Every leaf under {@code p} now. */
  void collect(PathPattern p, View v, Sink sink);

  /** Receives leaves: the entry's container, the leaf below it, the value (see {@link Values}). */
  interface Sink {
    void accept(Elems prefix, Elems rel, Object value);
  }
}
