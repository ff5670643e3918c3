package dev.cpo.agent.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.FakeSwitch;
import dev.cpo.hal.HalException;
import dev.cpo.hal.Sensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {

  final FakeSwitch sw = new FakeSwitch();
  final ThresholdStore store = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), null, (i, s, b) -> { });
  final ThresholdEvaluator evaluator = new ThresholdEvaluator(sw.inventory());
  final int temp = sw.inventory().sensor("asic1", dev.cpo.hal.SensorKind.TEMPERATURE).map(Sensor::index).orElseThrow();
  final List<Integer> changes = new ArrayList<>();

  void read(double asicTempC) throws HalException {
    sw.set("asic1:temp", asicTempC);
    evaluator.evaluate(sw.snapshot(), store.resolved(), true, changes::add);
  }

  @Test
  void aLevelIsRaisedOnlyAfterTheDebounceAndClearsOnlyBelowTheHysteresis() throws HalException {
    read(106); // asic.temp: warning 105, hysteresis 3, debounce 2
    assertThat(evaluator.highRank(temp)).isZero();
    read(106);
    assertThat(evaluator.highRank(temp)).isEqualTo(1);
    read(103);
    read(103);
    assertThat(evaluator.highRank(temp)).as("103 is within the 3 K hysteresis").isEqualTo(1);
    read(101.9);
    read(101.9);
    assertThat(evaluator.highRank(temp)).isZero();
    assertThat(changes).hasSize(2);
  }

  @Test
  void aSingleSpikeIsDebouncedAway() throws HalException {
    read(80);
    read(125);
    read(80);
    read(80);
    assertThat(changes).isEmpty();
  }

  @Test
  void unavailableReadingsNeitherRaiseNorClear() throws HalException {
    read(121);
    read(121);
    assertThat(evaluator.highRank(temp)).isEqualTo(2);
    // A read that carries an unavailable status for the sensor keeps the state as it was.
    var snap = sw.snapshot();
    var unavailable = new dev.cpo.hal.HalSnapshot(snap.sequence(), snap.timeMillis(), snap.inventory(),
        new double[snap.sensorCount()], filled(snap.sensorCount()), new long[snap.sensorCount()],
        sw.inventory().entities().stream().map(e -> snap.entityStatus(e.index())).toArray(dev.cpo.hal.EntityStatus[]::new),
        counters(8), counters(32));
    for (int i = 0; i < 5; i++) {
      evaluator.evaluate(unavailable, store.resolved(), true, changes::add);
    }
    assertThat(evaluator.highRank(temp)).isEqualTo(2);
  }

  static byte[] filled(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) 1);
    return b;
  }

  static long[][] counters(int n) {
    long[][] c = new long[dev.cpo.hal.CounterKind.values().length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = new long[n];
    }
    return c;
  }
}
