package dev.cpo.agent.metrics;

import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.OperState;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Samples that take one of a few values per entity (operational state, loss of signal, admin state, speed in lanes
 * up), with every point built once: a scrape picks the point for the current value and allocates none.
 */
final class StatePoints {

  /** OperState names as the state sets publish them, in the order of {@link OperState#values()}. */
  private static final String[] STATES = names();

  private final int[] entities;
  private final StateSetDataPointSnapshot[][] states;

  StatePoints(int[] entities, EntityLabels labels) {
    this.entities = entities;
    this.states = new StateSetDataPointSnapshot[entities.length][STATES.length];
    for (int i = 0; i < entities.length; i++) {
      for (int s = 0; s < STATES.length; s++) {
        boolean[] on = new boolean[STATES.length];
        on[s] = true;
        states[i][s] = new StateSetDataPointSnapshot(STATES, on, labels.of(entities[i]));
      }
    }
  }

  /** The state set of these entities' operational states. */
  StateSetSnapshot states(MetricMetadata metadata, HalSnapshot snap) {
    List<StateSetDataPointSnapshot> points = new ArrayList<>(entities.length);
    for (int i = 0; i < entities.length; i++) {
      points.add(states[i][snap.entityStatus(entities[i]).state().ordinal()]);
    }
    return new StateSetSnapshot(metadata, points);
  }

  /** A gauge per entity whose value is one of {@code values} (the index {@code pick} returns); built once. */
  static final class Choice {
    private final int[] entities;
    private final GaugeDataPointSnapshot[][] points;
    private final ToIntFunction<EntityStatus> pick;

    Choice(int[] entities, EntityLabels labels, double[] values, ToIntFunction<EntityStatus> pick) {
      this.entities = entities;
      this.pick = pick;
      this.points = new GaugeDataPointSnapshot[entities.length][values.length];
      for (int i = 0; i < entities.length; i++) {
        Labels l = labels.of(entities[i]);
        for (int v = 0; v < values.length; v++) {
          points[i][v] = new GaugeDataPointSnapshot(values[v], l, null);
        }
      }
    }

    List<GaugeDataPointSnapshot> points(HalSnapshot snap) {
      List<GaugeDataPointSnapshot> out = new ArrayList<>(entities.length);
      for (int i = 0; i < entities.length; i++) {
        out.add(points[i][pick.applyAsInt(snap.entityStatus(entities[i]))]);
      }
      return out;
    }
  }

  private static String[] names() {
    OperState[] all = OperState.values();
    String[] names = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      names[i] = all[i].name().toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
