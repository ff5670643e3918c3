package dev.cpo.hal.sim;

import dev.cpo.hal.SwitchHal;
import dev.cpo.hal.fault.FaultInjector;

/** What a lab tester may change in the simulator at run time, beside its faults. */
public interface SimulatorControl {

  SimSettings settings();

  /** @throws IllegalArgumentException naming the bad value; nothing changes */
  void setTimeScale(double timeScale);

  /** @throws IllegalArgumentException naming the bad value; nothing changes */
  void setLoad(double load);

  void setSeed(long seed);

  FaultInjector faults();

  SwitchHal hal();
}
