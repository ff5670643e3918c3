package dev.cpo.agent.snmp.mib;

import dev.cpo.hal.OperState;
import org.snmp4j.smi.Integer32;

/** CPO-SWITCH-MIB CpoOperState values: the HAL's states in declaration order, from 1. */
final class OperStates {

  private static final Integer32[] VALUES = new Integer32[OperState.values().length];

  static {
    for (OperState s : OperState.values()) {
      VALUES[s.ordinal()] = new Integer32(s.ordinal() + 1);
    }
  }

  private OperStates() {}

  static Integer32 of(OperState s) {
    return VALUES[s.ordinal()];
  }
}
