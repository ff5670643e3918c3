package dev.cpo.hal.sim;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;

/** Renders a whole snapshot as text, so two can be compared for equality. */
final class DeterminismTestSupport {

  private DeterminismTestSupport() {}

  static String render(HalSnapshot s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.sensorCount(); i++) {
      b.append(s.value(i)).append('/').append(s.status(i)).append('@').append(s.timestampMillis(i)).append(';');
    }
    for (int e = 0; e < s.inventory().entities().size(); e++) {
      b.append(s.entityStatus(e)).append(';');
    }
    for (int port = 1; port <= s.inventory().portCount(); port++) {
      for (CounterKind k : CounterKind.values()) {
        if (k.entityClass() == EntityClass.PORT) {
          b.append(s.portCounter(k, port)).append(',');
        } else {
          for (int lane = 1; lane <= s.inventory().lanesPerPort(); lane++) {
            b.append(s.laneCounter(k, port, lane)).append(',');
          }
        }
      }
    }
    return b.toString();
  }
}
