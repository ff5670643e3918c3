package dev.cpo.hal;

/**
 * Called when a module asserts its interrupt line (some unmasked flag latched). Implementations
 * must return quickly: hand the work to another thread. Called from a HAL thread, or from the thread
 * that caused the change (e.g. a fault injection).
 */
@FunctionalInterface
public interface InterruptListener {

  /**
   * @param module the module whose interrupt line is asserted, e.g. {@code els3} or {@code oe17}
   */
  void onInterrupt(String module);
}
