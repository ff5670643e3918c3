package dev.cpo.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.forecast.LaserForecast;
import dev.cpo.agent.forecast.LaserForecaster;
import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * laser-degradation on the real simulator, aged by weeks on a manual clock: the forecast warning comes
 * first, then the bias warning, then the bias alarm, each when the physics says, and each clears once
 * when the fault is cleared; the forecast lands within 10 % of the simulated end of life.
 */
class LaserDegradationOnSimulatorTest {

  static final String LASER = "els7/laser2";
  static final double DRIFT_PERCENT_PER_DAY = 3;
  /** A 10-day horizon (default 30) keeps the simulated span, and the test, short. */
  static final double HORIZON_DAYS = 10;
  static final double BOL_MILLIAMPS = 350;
  static final Duration STEP = Duration.ofHours(3);
  static final String[] CONDITIONS = {"laser-eol-forecast", "laser.bias-highWarning", "laser.bias-highAlarm"};
  /** config/thresholds.yaml, laser.bias. */
  static final double HIGH_WARNING_MILLIAMPS = 455;
  static final double HYSTERESIS_MILLIAMPS = 5;
  static final int DEBOUNCE_SAMPLES = 3;

  @TempDir Path state;

  @Test
  void theForecastWarningThenTheBiasWarningThenTheBiasAlarmRiseOnTimeAndAllClearOnceWhenTheFaultIsCleared() {
    try (SimRig rig = new SimRig(state, "forecast.horizonDays=" + HORIZON_DAYS)) {
      // The simulator gives each laser a few percent of initial wear: bias = 350 mA x (1 + wear).
      double bias0 = rig.reading(LASER, SensorKind.BIAS_CURRENT);
      double wear0 = bias0 / BOL_MILLIAMPS - 1;
      long start = rig.clock.millis();
      ActiveFault fault = rig.inject("laser-degradation", LASER, Map.of("driftPercentPerDay", DRIFT_PERCENT_PER_DAY));

      Map<String, Double> raisedAtDay = new LinkedHashMap<>();
      for (int i = 0; i < 60 * 12 && raisedAtDay.size() < 3; i++) {
        rig.run(STEP, STEP);
        for (dev.cpo.agent.alarm.Alarm a : rig.agent.latest().activeAlarms()) {
          raisedAtDay.putIfAbsent(a.condition(), (a.raisedAtMillis() - start) / 86_400_000.0);
        }
      }
      // Days until the bias crosses +30 % and +50 % of beginning of life (plus debounce of 3 samples).
      double warnDay = (0.30 - wear0) / (DRIFT_PERCENT_PER_DAY / 100);
      double endOfLifeDay = (0.50 - wear0) / (DRIFT_PERCENT_PER_DAY / 100);
      assertThat(raisedAtDay.keySet()).containsExactly(CONDITIONS);
      assertThat(raisedAtDay.get("laser-eol-forecast")).isCloseTo(endOfLifeDay - HORIZON_DAYS, within(1.0));
      assertThat(raisedAtDay.get("laser.bias-highWarning")).isCloseTo(warnDay, within(0.5));
      assertThat(raisedAtDay.get("laser.bias-highAlarm")).isCloseTo(endOfLifeDay, within(0.5));
      assertThat(rig.events.settled(AgentEvent.AlarmRaised.class)).extracting(e -> e.alarm().condition())
          .containsExactly(CONDITIONS);

      // Clearing the fault takes its wear back at once (docs/simulator.md): the bias steps down to where
      // it started, far below each level minus its 5 mA hysteresis, so both bias alarms clear as soon as
      // the evaluator has seen it for its 3 debounce samples (1 s polls).
      rig.sim.faults().clear(fault.id());
      long clearedFaultAt = rig.clock.millis();
      rig.runSeconds(DEBOUNCE_SAMPLES);
      double biasAfter = rig.reading(LASER, SensorKind.BIAS_CURRENT);
      assertThat(biasAfter).isCloseTo(bias0, within(2.0)).isLessThan(HIGH_WARNING_MILLIAMPS - HYSTERESIS_MILLIAMPS);
      assertThat(rig.active("laser.bias-highAlarm/" + LASER)).isFalse();
      assertThat(rig.active("laser.bias-highWarning/" + LASER)).isFalse();
      // The forecast restarts its history at its next bias sample, as the bias stepped more than 10 % off
      // its trend: with no trend known it has nothing to warn about. Samples come every window / 64.
      long sampleIntervalMs = Duration.ofDays(7).toMillis() / LaserForecaster.MAX_SAMPLES;
      // Polled each minute from here, it clears at the first poll at or after that sampling instant.
      long forecastClearLimitMs = DEBOUNCE_SAMPLES * 1_000L + sampleIntervalMs + 60_000;
      rig.run(Duration.ofMillis(sampleIntervalMs + 60_000), Duration.ofMinutes(1));
      assertThat(rig.active("laser-eol-forecast/" + LASER)).isFalse();

      // Weeks later the laser is still healthy: its new, flat trend warns of nothing and nothing flaps.
      rig.run(Duration.ofDays(14), STEP);
      assertThat(rig.agent.latest().activeAlarms()).isEmpty();
      List<AgentEvent.AlarmRaised> raised = rig.events.settled(AgentEvent.AlarmRaised.class);
      List<AgentEvent.AlarmCleared> cleared = rig.events.settled(AgentEvent.AlarmCleared.class);
      assertThat(raised).extracting(e -> e.alarm().condition()).containsExactly(CONDITIONS);
      assertThat(cleared).extracting(e -> e.alarm().condition())
          .containsExactlyInAnyOrder(CONDITIONS);
      assertThat(cleared).allSatisfy(e -> assertThat(e.alarm().entity()).isEqualTo(LASER));
      // The bias alarms clear within the debounce; the forecast within one sample interval (and a poll).
      for (AgentEvent.AlarmCleared e : cleared) {
        long after = e.alarm().clearedAtMillis() - clearedFaultAt;
        long limit = e.alarm().condition().equals("laser-eol-forecast")
            ? forecastClearLimitMs : DEBOUNCE_SAMPLES * 1_000L;
        assertThat(after).as(e.alarm().condition()).isPositive().isLessThanOrEqualTo(limit);
      }
    }
  }

  @Test
  void theForecastLandsWithinTenPercentOfTheSimulatedEndOfLife() {
    try (SimRig rig = new SimRig(state)) {
      double wear0 = rig.reading(LASER, SensorKind.BIAS_CURRENT) / BOL_MILLIAMPS - 1;
      rig.inject("laser-degradation", LASER, Map.of("driftPercentPerDay", 1.0));
      double days = 5;
      rig.run(Duration.ofDays((long) days), STEP);
      double trueDaysLeft = (0.50 - wear0) / 0.01 - days;
      LaserForecast f = rig.agent.latest().forecasts().get(LASER);
      assertThat(f.known()).isTrue();
      assertThat(f.secondsToEndOfLife() / 86_400.0).isCloseTo(trueDaysLeft, within(trueDaysLeft * 0.10));
      assertThat(rig.agent.latest().forecasts().get("els7/laser1").known()).as("a healthy laser has no end in sight")
          .isFalse();
    }
  }

  @Test
  void afterTheFaultTheAlarmsClearWithHysteresisAndAReplacedModuleClearsEverything() {
    try (SimRig rig = new SimRig(state)) {
      rig.inject("laser-degradation", LASER, Map.of("driftPercentPerDay", 10.0));
      rig.run(Duration.ofDays(6), STEP);
      assertThat(rig.active("laser.bias-highAlarm/" + LASER)).isTrue();
      // The fault stays on: at 10 %/day the bias moves 0.004 mA in 10 s, so it holds still for this.
      double bias = rig.reading(LASER, SensorKind.BIAS_CURRENT);
      String sensor = LASER + ":bias";
      // Moving the alarm level just above the reading is within the 5 mA hysteresis: it holds.
      rig.agent.thresholds().set(sensor, ThresholdLevel.HIGH_ALARM, bias + 2, "test");
      rig.runSeconds(10);
      assertThat(rig.active("laser.bias-highAlarm/" + LASER)).isTrue();
      // Beyond the hysteresis it clears; the warning stays.
      rig.agent.thresholds().set(sensor, ThresholdLevel.HIGH_ALARM, bias + 8, "test");
      rig.runSeconds(10);
      assertThat(rig.active("laser.bias-highAlarm/" + LASER)).isFalse();
      assertThat(rig.active("laser.bias-highWarning/" + LASER)).isTrue();

      // The operator replaces the laser module: everything about the old laser clears, and the fault on
      // its laser goes with it.
      rig.inject("els-removal", "els7");
      rig.runSeconds(10);
      rig.inject("els-insertion", "els7");
      rig.run(Duration.ofDays(2), Duration.ofHours(1));
      assertThat(rig.agent.latest().activeAlarms()).isEmpty();
      List<String> cleared = rig.events.settled(AgentEvent.AlarmCleared.class).stream()
          .map(e -> e.alarm().condition()).toList();
      assertThat(cleared).contains("laser-eol-forecast", "laser.bias-highWarning", "laser.bias-highAlarm",
          "els-removed");
    }
  }
}
