package dev.cpo.agent.forecast;

import java.util.Arrays;

/**
 * The Theil-Sen estimator: the median of the slopes between every pair of points, and the median
 * intercept. Robust to a minority of outliers (a noisy or stuck reading does not bend the trend), and
 * cheap for the few dozen samples a forecast window holds.
 */
public final class TheilSen {

  private TheilSen() {}

  /** Slope and intercept of a fitted line {@code y = intercept + slope * x}. */
  public record Fit(double slope, double intercept) {
    public double at(double x) {
      return intercept + slope * x;
    }
  }

  /**
   * @param x abscissas (need not be sorted; at least two distinct values)
   * @param y ordinates
   * @param n how many leading entries of {@code x} and {@code y} to use
   */
  public static Fit fit(double[] x, double[] y, int n) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 points, got " + n);
    }
    double[] slopes = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dx = x[j] - x[i];
        if (dx != 0) {
          slopes[k++] = (y[j] - y[i]) / dx;
        }
      }
    }
    if (k == 0) {
      throw new IllegalArgumentException("need at least 2 distinct x values");
    }
    double slope = median(slopes, k);
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) {
      intercepts[i] = y[i] - slope * x[i];
    }
    return new Fit(slope, median(intercepts, n));
  }

  static double median(double[] v, int n) {
    Arrays.sort(v, 0, n);
    return (n & 1) == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
