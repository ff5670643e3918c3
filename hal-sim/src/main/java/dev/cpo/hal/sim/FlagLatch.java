package dev.cpo.hal.sim;

import dev.cpo.hal.FlagKind;
import dev.cpo.hal.LatchedFlag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CMIS-like latched flags per module (laser modules first, then engines). A flag latches when its
 * condition becomes true (edge, not level, so a lasting condition does not re-latch after every read
 * and flood the host) and stays until read. Modules that latched something since the last
 * {@link #drainInterrupts()} are reported there, for the interrupt callback.
 */
final class FlagLatch {

  /** A module holds at most this many unread flags; older ones are dropped first. */
  static final int MAX_FLAGS_PER_MODULE = 256;

  private final String[] moduleNames;
  private final List<List<LatchedFlag>> latched;
  private final Set<String> interrupting = new LinkedHashSet<>();

  FlagLatch(Topology t) {
    moduleNames = new String[t.modules + t.engines];
    latched = new ArrayList<>(moduleNames.length);
    for (int m = 0; m < t.modules; m++) {
      moduleNames[m] = "els" + (m + 1);
    }
    for (int e = 0; e < t.engines; e++) {
      moduleNames[t.modules + e] = "oe" + (e + 1);
    }
    for (int i = 0; i < moduleNames.length; i++) {
      latched.add(new ArrayList<>());
    }
  }

  void latch(int module, String entity, FlagKind kind, long timeMillis) {
    List<LatchedFlag> flags = latched.get(module);
    for (LatchedFlag f : flags) {
      if (f.kind() == kind && f.entity().equals(entity)) {
        return;
      }
    }
    if (flags.size() >= MAX_FLAGS_PER_MODULE) {
      flags.remove(0);
    }
    flags.add(new LatchedFlag(moduleNames[module], entity, kind, timeMillis));
    interrupting.add(moduleNames[module]);
  }

  List<LatchedFlag> readAndClear(int module) {
    List<LatchedFlag> flags = latched.get(module);
    List<LatchedFlag> out = List.copyOf(flags);
    flags.clear();
    return out;
  }

  boolean anyLatched(int module) {
    return !latched.get(module).isEmpty();
  }

  /** Modules that latched a flag since the last call, in the order they latched. */
  List<String> drainInterrupts() {
    if (interrupting.isEmpty()) {
      return List.of();
    }
    List<String> out = List.copyOf(interrupting);
    interrupting.clear();
    return out;
  }
}
