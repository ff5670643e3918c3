package dev.cpo.agent.snmp.ifmib;

import java.util.concurrent.atomic.AtomicLongArray;

/** sysUpTime (hundredths of a second) at each port's last ifOperStatus change: ifLastChange. */
final class PortChangeTimes {

  private final AtomicLongArray ticks;

  PortChangeTimes(int ports) {
    this.ticks = new AtomicLongArray(ports);
  }

  long get(int ifIndex) {
    return ticks.get(ifIndex - 1);
  }

  void set(int ifIndex, long sysUpTimeTicks) {
    ticks.set(ifIndex - 1, sysUpTimeTicks);
  }
}
