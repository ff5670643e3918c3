package dev.cpo.agent.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.agent.alarm.AlarmCandidate;
import dev.cpo.agent.forecast.LaserForecast;
import dev.cpo.agent.testing.FakeSwitch;
import dev.cpo.hal.HalException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LaserForecasterTest {

  static final String LASER = "els1/laser5";
  final ForecastConfig config = new ForecastConfig(30, 7, 50, 350);

  @Test
  void aLinearDriftWithNoiseIsForecastWithinTenPercentOfItsTrueEndOfLife() throws HalException {
    FakeSwitch sw = new FakeSwitch();
    LaserForecaster f = new LaserForecaster(sw.inventory(), config, sw.clock().millis());
    Random noise = new Random(3);
    double mAperDay = 350 * 0.01; // 1 %/day of beginning of life: end of life (+50 %) at day 50
    for (int hour = 0; hour <= 24 * 20; hour++) {
      double bias = 350 + mAperDay * hour / 24.0 + noise.nextGaussian() * 0.5;
      // A few wild readings must not bend a robust trend.
      sw.set(LASER + ":bias", hour % 97 == 0 ? bias + 40 : bias);
      f.update(sw.snapshot());
      sw.testClock().advance(Duration.ofHours(1));
    }
    LaserForecast fc = f.forecasts().get(LASER);
    double trueDaysLeft = 50 - 20;
    assertThat(fc.known()).isTrue();
    assertThat(fc.secondsToEndOfLife() / 86_400.0).isCloseTo(trueDaysLeft, within(trueDaysLeft * 0.10));
    assertThat(fc.biasSlopeMilliampsPerDay()).isCloseTo(mAperDay, within(mAperDay * 0.10));
    assertThat(f.forecasts().get("els1/laser1").known()).isFalse();
  }

  @Test
  void theWarningIsRaisedUnderTheHorizonAndClearsWhenTheBiasFallsBack() throws HalException {
    FakeSwitch sw = new FakeSwitch();
    LaserForecaster f = new LaserForecaster(sw.inventory(), config, sw.clock().millis());
    Map<String, AlarmCandidate> out = new HashMap<>();
    double raisedAtDay = -1;
    for (int hour = 0; hour <= 24 * 30; hour++) {
      sw.set(LASER + ":bias", 350 + 3.5 * hour / 24.0);
      f.update(sw.snapshot());
      out.clear();
      f.collect(out);
      if (raisedAtDay < 0 && out.containsKey("laser-eol-forecast/" + LASER)) {
        raisedAtDay = hour / 24.0;
      }
      sw.testClock().advance(Duration.ofHours(1));
    }
    // End of life at day 50, horizon 30 days: the warning comes at about day 20.
    assertThat(raisedAtDay).isCloseTo(20, within(2.0));
    sw.set(LASER + ":bias", 350);
    for (int hour = 0; hour < 24; hour++) {
      f.update(sw.snapshot());
      sw.testClock().advance(Duration.ofHours(1));
    }
    out.clear();
    f.collect(out);
    assertThat(out).isEmpty();
  }
}
