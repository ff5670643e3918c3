package dev.cpo.agent.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts components in order and stops them in reverse. If one fails to start, those already started
 * are stopped and the failure is rethrown, so a failed start leaves no port bound.
 */
public final class Lifecycle implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private final List<Component> components = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Deque<Component> started = new ArrayDeque<>();
  // Read without the lock (the health route asks while start or stop may hold it), so copy-on-write.
  private volatile Map<String, String> states = Map.of();

  public synchronized Lifecycle add(Component component) {
    components.add(component);
    state(component, "not started");
    return this;
  }

  /**
   * Each component's state in start order: {@code running}, {@code degraded: <its problem>} (started,
   * but {@link Component#problem()} names what keeps it from working), {@code starting}, {@code failed},
   * {@code stopping}, {@code stopped} or {@code not started}. Never blocks.
   */
  public Map<String, String> status() {
    Map<String, String> now = states;
    Map<String, String> out = new LinkedHashMap<>(now);
    for (Component c : List.copyOf(components)) {
      if ("running".equals(now.get(c.name()))) {
        String problem = c.problem();
        if (problem != null) {
          out.put(c.name(), "degraded: " + problem);
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private void state(Component c, String state) {
    Map<String, String> next = new LinkedHashMap<>(states);
    next.put(c.name(), state);
    states = Collections.unmodifiableMap(next);
  }

  public synchronized void start() throws Exception {
    for (Component c : components) {
      long t0 = System.nanoTime();
      state(c, "starting");
      try {
        c.start();
      } catch (Exception e) {
        if (e instanceof StartRefused) {
          // One line for the operator, printed once by whoever started the product.
          LOG.debug("{} refused to start: {}", c.name(), e.getMessage());
        } else {
          LOG.error("{} failed to start: {}", c.name(), e.toString());
        }
        state(c, "failed");
        stop();
        throw e;
      }
      started.push(c);
      state(c, "running");
      LOG.debug("{} started in {} ms", c.name(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  public synchronized void stop() {
    while (!started.isEmpty()) {
      Component c = started.pop();
      state(c, "stopping");
      long t0 = System.nanoTime();
      try {
        c.stop();
      } catch (RuntimeException e) {
        LOG.warn("{} failed to stop cleanly: {}", c.name(), e.toString());
      }
      state(c, "stopped");
      LOG.debug("{} stopped in {} ms", c.name(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
