package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The switch is built settled: {@link Physics#settle} ends once a step moves no temperature by more than a
 * millionth of a kelvin, and what it gives is what thirty full settle steps (the settle before it stopped
 * early) give, to that millionth.
 */
class SettleTest {

  @ParameterizedTest
  @ValueSource(strings = {"quantum-x-photonics-115t", "spectrum-x-photonics-409t", "spectrum-x-photonics-102t",
      "npo-115t", "tomahawk5-bailly-51t"})
  void theSwitchAsBuiltIsWhereThirtyFullSettleStepsTakeIt(String profile) throws Exception {
    Probe asBuilt = Probe.of(profile, 1);
    Probe fullySettled = Probe.of(profile, 1);
    Physics physics = fullySettled.sim.physics;
    double[][] built = copy(physics.settledTemperatures());
    double chassis = fullySettled.sim.state.chassisTemp;

    physics.settle(Physics.SETTLE_STEPS, -1);

    assertThat(Physics.largestChange(physics.settledTemperatures(), built)).isLessThanOrEqualTo(Physics.SETTLED_KELVIN);
    assertThat(Math.abs(fullySettled.sim.state.chassisTemp - chassis)).isLessThanOrEqualTo(Physics.SETTLED_KELVIN);
    assertThat(built[2][0]).as("a laser module's case is warmer than the air it draws").isGreaterThan(25);
    // What a poll reads a few seconds on (every sensor sampled again): the same, within one register unit
    // (1/256 C) where a reading sat on the edge of one.
    List<Double> a = temperatures(asBuilt.run(Duration.ofSeconds(3)));
    List<Double> b = temperatures(fullySettled.run(Duration.ofSeconds(3)));
    assertThat(a).hasSameSizeAs(b).isNotEmpty();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        assertThat(a.get(i)).isCloseTo(b.get(i), Offset.offset(1 / 256.0 + 1e-9));
      }
    }
  }

  private static List<Double> temperatures(Probe probe) {
    HalSnapshot snap = probe.snapshot();
    List<Double> out = new ArrayList<>();
    for (Sensor s : snap.inventory().sensors()) {
      if (s.kind() == SensorKind.TEMPERATURE) {
        out.add(snap.value(s.index()));
      }
    }
    return out;
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
