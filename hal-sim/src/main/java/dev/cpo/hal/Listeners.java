package dev.cpo.hal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who asked to be told of a change (a new snapshot, a fault change): added and removed from any thread, told on
 * the thread that made the change. A listener that throws is logged and does not keep the others from being told,
 * nor the change from being made.
 */
public final class Listeners {

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final String what;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** @param what the change, for the log line of a listener that throws ("snapshot", "fault change") */
  public Listeners(String what) {
    this.what = Objects.requireNonNull(what, "what");
  }

  public void add(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Nothing when it was not added. */
  public void remove(Runnable listener) {
    listeners.remove(listener);
  }

  /** Tells every listener, in the order added. */
  public void tell() {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.warn("{} listener failed", what, e);
      }
    }
  }
}
