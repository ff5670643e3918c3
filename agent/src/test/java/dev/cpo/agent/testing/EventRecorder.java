package dev.cpo.agent.testing;

import static org.awaitility.Awaitility.await;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.event.GuardedEventBus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event an agent publishes; {@link #settled()} waits until all were delivered. */
public final class EventRecorder {

  private final EventBus bus;
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

  public EventRecorder(EventBus bus) {
    this.bus = bus;
    bus.subscribe("test-recorder", events::add);
  }

  /** Every event so far, once the bus has delivered everything published. */
  public List<AgentEvent> settled() {
    if (bus instanceof GuardedEventBus g && !g.idle()) {
      await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(g::idle);
    }
    return List.copyOf(events);
  }

  public <T extends AgentEvent> List<T> settled(Class<T> type) {
    return settled().stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    settled();
    events.clear();
  }
}
