package dev.cpo.agent.forecast;

import dev.cpo.agent.alarm.AlarmCandidate;
import dev.cpo.agent.alarm.AlarmConditions;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Projects each laser's end of life from its bias trend: bias is sampled at most {@link #MAX_SAMPLES}
 * times per window (HAL clock), a Theil-Sen line is fitted, and the time until the line reaches the
 * end-of-life bias is the forecast. A warning alarm ({@code laser-eol-forecast}) is raised while that
 * time is under the horizon, and cleared once it is 10 % beyond it (hysteresis) or unknown.
 *
 * <p>A laser that stops emitting, or whose bias jumps away from the trend (module replaced, fault
 * cleared), starts a new history: the old trend says nothing about the new laser. Not thread-safe;
 * the poll cycle owns it (one at a time), and publishes {@link #forecasts()} as an immutable map.
 */
public final class LaserForecaster {

  /** Samples kept per window; the fit costs O(n^2) and runs only when a sample is added. */
  public static final int MAX_SAMPLES = 64;
  /** Samples needed before a forecast is made. */
  public static final int MIN_SAMPLES = 8;
  private static final double MS_PER_DAY = 86_400_000.0;
  private static final double STEP_CHANGE = 0.10;

  private final ForecastConfig config;
  private final double endOfLifeMilliamps;
  private final long sampleIntervalMs;
  private final long windowMs;
  private final List<Track> tracks = new ArrayList<>();
  private volatile Map<String, LaserForecast> published = Map.of();

  public LaserForecaster(Inventory inventory, ForecastConfig config, long nowMillis) {
    this.config = config;
    this.endOfLifeMilliamps = config.beginningOfLifeBiasMilliamps() * (1 + config.endOfLifeBiasIncreasePercent() / 100);
    this.windowMs = (long) (config.windowDays() * MS_PER_DAY);
    this.sampleIntervalMs = Math.max(1, windowMs / MAX_SAMPLES);
    List<Entity> lasers = inventory.entitiesOf(EntityClass.LASER);
    for (int i = 0; i < lasers.size(); i++) {
      Entity laser = lasers.get(i);
      Sensor bias = inventory.sensor(laser.name(), SensorKind.BIAS_CURRENT).orElse(null);
      if (bias != null) {
        // Spread the lasers' sampling instants so the fits do not all land in one poll cycle.
        long phase = sampleIntervalMs * i / Math.max(1, lasers.size());
        tracks.add(new Track(laser.name(), laser.index(), bias.index(), nowMillis + phase));
      }
    }
  }

  /** The end-of-life bias in milliamps. */
  public double endOfLifeMilliamps() {
    return endOfLifeMilliamps;
  }

  /** Feeds one snapshot; cheap unless a laser's sampling instant has come. */
  public void update(HalSnapshot snap) {
    long now = snap.timeMillis();
    boolean changed = false;
    for (Track t : tracks) {
      changed |= t.update(snap, now);
    }
    if (changed || published.size() != tracks.size()) {
      Map<String, LaserForecast> m = new HashMap<>(tracks.size() * 2);
      for (Track t : tracks) {
        m.put(t.laser, t.forecast);
      }
      published = Map.copyOf(m);
    }
  }

  /** The latest forecast of every laser. */
  public Map<String, LaserForecast> forecasts() {
    return published;
  }

  /** Adds a {@code laser-eol-forecast} candidate for every laser under the horizon. */
  public void collect(Map<String, AlarmCandidate> out) {
    for (Track t : tracks) {
      if (t.warning) {
        AlarmCandidate c = AlarmCandidate.of(AlarmConditions.LASER_EOL_FORECAST, t.laser, String.format(
            Locale.ROOT, "Laser %s is projected to reach end of life (bias %.0f mA) in %.1f days (bias rising %.2f mA/day)",
            t.laser, endOfLifeMilliamps, t.forecast.secondsToEndOfLife() / 86_400.0,
            t.forecast.biasSlopeMilliampsPerDay()));
        out.put(c.id(), c);
      }
    }
  }

  private final class Track {
    final String laser;
    final int entity;
    final int sensor;
    final double[] days = new double[MAX_SAMPLES + 1];
    final double[] bias = new double[MAX_SAMPLES + 1];
    int n;
    long nextSampleAt;
    TheilSen.Fit fit;
    LaserForecast forecast;
    boolean warning;

    Track(String laser, int entity, int sensor, long firstSampleAt) {
      this.laser = laser;
      this.entity = entity;
      this.sensor = sensor;
      this.nextSampleAt = firstSampleAt;
      this.forecast = unknown();
    }

    boolean update(HalSnapshot snap, long now) {
      OperState state = snap.entityStatus(entity).state();
      if (state != OperState.UP) {
        return restart();
      }
      if (now < nextSampleAt || !snap.available(sensor)) {
        return false;
      }
      nextSampleAt = now + sampleIntervalMs;
      double value = snap.value(sensor);
      double day = now / MS_PER_DAY;
      if (fit != null && Math.abs(value - fit.at(day)) > STEP_CHANGE * fit.at(day)) {
        restart();
      }
      add(day, value, now);
      refit(now);
      return true;
    }

    private void add(double day, double value, long now) {
      double oldest = (now - windowMs) / MS_PER_DAY;
      int start = 0;
      while (start < n && days[start] < oldest) {
        start++;
      }
      start = Math.max(start, n - MAX_SAMPLES + 1);
      System.arraycopy(days, start, days, 0, n - start);
      System.arraycopy(bias, start, bias, 0, n - start);
      n -= start;
      days[n] = day;
      bias[n] = value;
      n++;
    }

    private void refit(long now) {
      if (n < MIN_SAMPLES) {
        fit = null;
        setForecast(unknown());
        return;
      }
      fit = TheilSen.fit(days, bias, n);
      double today = now / MS_PER_DAY;
      double current = fit.at(today);
      long seconds;
      if (current >= endOfLifeMilliamps) {
        seconds = 0;
      } else if (fit.slope() <= 1e-9) {
        seconds = Long.MAX_VALUE;
      } else {
        double remainingDays = (endOfLifeMilliamps - current) / fit.slope();
        seconds = remainingDays > 36_500 ? Long.MAX_VALUE : (long) (remainingDays * 86_400);
      }
      setForecast(new LaserForecast(laser, fit.slope(), endOfLifeMilliamps, seconds, n));
    }

    private void setForecast(LaserForecast f) {
      forecast = f;
      double horizonSeconds = config.horizonDays() * 86_400;
      if (!f.known()) {
        warning = false;
      } else if (f.secondsToEndOfLife() < horizonSeconds) {
        warning = true;
      } else if (f.secondsToEndOfLife() > horizonSeconds * 1.1) {
        warning = false;
      }
    }

    private boolean restart() {
      if (n == 0 && fit == null) {
        return false;
      }
      n = 0;
      fit = null;
      setForecast(unknown());
      return true;
    }

    private LaserForecast unknown() {
      return new LaserForecast(laser, 0, endOfLifeMilliamps, Long.MAX_VALUE, n);
    }
  }
}
