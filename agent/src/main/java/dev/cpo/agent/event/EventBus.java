package dev.cpo.agent.event;

import java.util.function.Consumer;

/**
 * The agent's one stream of transitions. Each subscriber is guarded: it gets its own bounded queue,
 * delivered by one thread at a time, so a slow or failing subscriber never stalls the agent or other
 * subscribers; what a full queue drops is counted.
 */
public interface EventBus {

  /**
   * Subscribes a consumer. Events are delivered in {@code seq} order, one at a time, never on the
   * publisher's thread (not always on the same thread either: see {@link GuardedEventBus}).
   *
   * @param name short name for logs and counters, e.g. {@code snmp-notifications}
   */
  Subscription subscribe(String name, Consumer<AgentEvent> consumer);

  /** A subscription; closing it stops delivery. */
  interface Subscription extends AutoCloseable {

    /** Events this subscriber lost because its queue was full. */
    long dropped();

    @Override
    void close();
  }
}
