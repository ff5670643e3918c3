package dev.cpo.hal;

import java.time.Clock;
import java.util.List;

/**
 * The switch as the agent sees it. Implementations are thread-safe.
 *
 * <p>All times (snapshot and reading time stamps, flag times) come from {@link #clock()}, which for
 * the simulator runs at its configured speed. The agent uses the same clock for alarm time stamps,
 * debounce, hold times and forecasts, so tests can drive everything from one manual clock.
 */
public interface SwitchHal extends AutoCloseable {

  /** Static description of the switch: entities, sensors, laser to lane mapping. */
  Inventory inventory();

  /** The clock every HAL time stamp is taken from. */
  Clock clock();

  /**
   * One bulk read of every sensor, entity status and counter. Sensors that could not be read carry
   * {@link ReadingStatus#UNAVAILABLE}; the call itself fails only when nothing could be read.
   *
   * @throws HalException when the whole read failed
   */
  HalSnapshot snapshot() throws HalException;

  /** Reads and clears the latched flags of one module ({@code els<n>} or {@code oe<n>}). */
  List<LatchedFlag> readAndClearFlags(String module) throws HalException;

  /** Registers the listener called when a module asserts its interrupt line. Replaces any earlier one. */
  void setInterruptListener(InterruptListener listener);

  /** Enables or disables one laser ({@code els3/laser5}). */
  void setLaserEnabled(String laser, boolean enabled) throws HalException;

  /** Sets a port's administrative state ({@code port42}). */
  void setPortAdminUp(String port, boolean up) throws HalException;

  /** Sets a fan's speed demand in percent of maximum (0-100) ({@code fan2}). */
  void setFanSpeedPercent(String fan, double percent) throws HalException;

  /** Shuts an ASIC down, or brings it back ({@code asic2}). */
  void setAsicShutdown(String asic, boolean shutdown) throws HalException;

  /**
   * Shuts a laser module's lasers and TECs down ({@code els3}), or restarts it. A restart also clears the
   * module's own latch after a case over-temperature shutdown, once the case is below its warning level.
   *
   * @throws HalException when the HAL cannot, or the case is still too hot to restart
   */
  default void setLaserModuleShutdown(String module, boolean shutdown) throws HalException {
    throw new HalException("this HAL cannot shut laser module " + module + " down");
  }

  @Override
  void close();
}
