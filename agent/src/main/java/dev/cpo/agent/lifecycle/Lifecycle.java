package dev.cpo.agent.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
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

  private final List<Component> components = new ArrayList<>();
  private final Deque<Component> started = new ArrayDeque<>();

  public Lifecycle add(Component component) {
    components.add(component);
    return this;
  }

  public synchronized void start() throws Exception {
    for (Component c : components) {
      long t0 = System.nanoTime();
      try {
        c.start();
      } catch (Exception e) {
        LOG.error("{} failed to start: {}", c.name(), e.toString());
        stop();
        throw e;
      }
      started.push(c);
      LOG.debug("{} started in {} ms", c.name(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  public synchronized void stop() {
    while (!started.isEmpty()) {
      Component c = started.pop();
      try {
        c.stop();
      } catch (RuntimeException e) {
        LOG.warn("{} failed to stop cleanly: {}", c.name(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
