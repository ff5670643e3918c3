package dev.cpo.agent.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorHistoryTest {

  @TempDir
  Path state;

  private static Sensor sensor(SimRig rig, String entity, SensorKind kind) {
    return rig.agent.inventory().sensor(entity, kind).orElseThrow();
  }

  @Test
  void oneSampleIsTakenPerResolutionOfSimulatedTimeWhateverThePollRate() {
    try (SimRig rig = new SimRig(state)) {
      SensorHistory history = new SensorHistory(Duration.ofMinutes(15), Duration.ofSeconds(5));
      for (int i = 0; i <= 30; i++) {
        history.record(rig.agent.latest().hal());
        rig.runSeconds(1);
      }
      SensorHistory.Series s = history.series(List.of(sensor(rig, "els3/laser5", SensorKind.BIAS_CURRENT)));
      assertThat(s.timesMillis()).hasSize(7);
      for (int i = 1; i < s.timesMillis().length; i++) {
        assertThat(s.timesMillis()[i] - s.timesMillis()[i - 1]).isEqualTo(5000);
      }
      for (float v : s.values().get(0)) {
        assertThat(v).isBetween(300f, 450f);
      }
    }
  }

  @Test
  void theRingKeepsOnlyTheWindowOldestFirst() {
    try (SimRig rig = new SimRig(state)) {
      SensorHistory history = new SensorHistory(Duration.ofMinutes(1), Duration.ofSeconds(5));
      for (int i = 0; i < 36; i++) {
        history.record(rig.agent.latest().hal());
        rig.run(Duration.ofSeconds(5), Duration.ofSeconds(5));
      }
      long[] t = history.series(List.of(sensor(rig, "asic1", SensorKind.TEMPERATURE))).timesMillis();
      assertThat(t).hasSize(12);
      assertThat(t[11] - t[0]).isEqualTo(55_000);
      assertThat(t[11]).isEqualTo(rig.agent.latest().hal().timeMillis() - 5000);
    }
  }

  @Test
  void aFailedLaserShowsInTheTxPowerHistoryOfTheLanesItFeeds() {
    try (SimRig rig = new SimRig(state)) {
      SensorHistory history = SensorHistory.defaults();
      // The lane's own transmitter is lit by the laser (its receiver by the link partner's).
      Sensor rx = sensor(rig, "port17/lane3", SensorKind.TX_POWER);
      Sensor neighbour = sensor(rig, "port17/lane2", SensorKind.TX_POWER);
      history.record(rig.agent.latest().hal());
      rig.inject("laser-failure", "els3/laser5");
      rig.runSeconds(5);
      history.record(rig.agent.latest().hal());
      List<float[]> v = history.series(List.of(rx, neighbour)).values();
      assertThat(v.get(0)[0]).isGreaterThan(0f);
      assertThat(v.get(0)[1]).isLessThan(-15f);
      assertThat(v.get(1)[1]).isGreaterThan(0f);
    }
  }

  @Test
  void itsMemoryIsFourBytesPerSensorAndSlotPlusTheTimes() {
    SensorHistory history = SensorHistory.defaults();
    // 15 min / 5 s = 180 slots: the default switch's 2,647 sensors cost 1.9 MB.
    assertThat(history.bytesFor(2647)).isEqualTo(180L * (8 + 4 * 2647));
  }

  @Test
  void aResolutionLongerThanTheWindowIsRefused() {
    assertThatThrownBy(() -> new SensorHistory(Duration.ofSeconds(5), Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolution");
  }
}
