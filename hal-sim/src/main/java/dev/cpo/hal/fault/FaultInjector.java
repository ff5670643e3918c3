package dev.cpo.hal.fault;

import java.util.List;

/** Injects and clears faults in the simulated switch. Thread-safe. */
public interface FaultInjector {

  /** Every fault type with its parameters, in a stable order. */
  List<FaultType> catalog();

  /**
   * Injects a fault; its effect shows in the next snapshot, and modules raise their interrupts at once.
   *
   * @throws FaultException naming what is wrong; nothing changes
   */
  ActiveFault inject(FaultRequest request);

  /**
   * Clears one fault, restoring healthy behaviour (a removed laser module stays removed: only an
   * {@code els-insertion} brings it back).
   *
   * @throws FaultException with {@link FaultException.Reason#NOT_FOUND} when no such fault is active
   */
  ActiveFault clear(String id);

  /** Faults in effect, oldest first. */
  List<ActiveFault> active();

  /**
   * A number that changes whenever the list of active faults does (an injection, a clear, a module inserted):
   * lets a watcher poll cheaply and call {@link #active()}, which lets simulated time catch up first, only on a
   * change. -1 when this injector cannot tell; then ask {@link #active()}.
   */
  default long changes() {
    return -1;
  }

  /**
   * Asks to be told of each change that {@link #changes()} counts: {@code listener} runs on the thread that
   * made it, once the change is in effect and outside the switch's lock, so it must only signal its own
   * thread and return. A watcher that waits for this needs no timer.
   *
   * @return false when this injector cannot tell (the default): poll {@link #changes()} instead
   */
  default boolean addChangeListener(Runnable listener) {
    return false;
  }

  /** Stops telling {@code listener}; nothing when it was not added. */
  default void removeChangeListener(Runnable listener) {}
}
