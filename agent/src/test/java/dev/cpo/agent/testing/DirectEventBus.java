package dev.cpo.agent.testing;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A test event bus that delivers synchronously on the publishing thread, in order. */
public final class DirectEventBus implements EventBus {

  private final List<Consumer<AgentEvent>> consumers = new CopyOnWriteArrayList<>();
  private final AtomicLong seq = new AtomicLong();

  @Override
  public Subscription subscribe(String name, Consumer<AgentEvent> consumer) {
    consumers.add(consumer);
    return new Subscription() {
      @Override
      public long dropped() {
        return 0;
      }

      @Override
      public void close() {
        consumers.remove(consumer);
      }
    };
  }

  /** The next sequence number, for building events. */
  public long nextSeq() {
    return seq.incrementAndGet();
  }

  public void publish(AgentEvent event) {
    for (Consumer<AgentEvent> c : consumers) {
      c.accept(event);
    }
  }
}
