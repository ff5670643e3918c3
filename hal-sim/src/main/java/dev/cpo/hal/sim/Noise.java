package dev.cpo.hal.sim;

/**
 * Stateless seeded noise: a value is a pure function of (seed, sensor, tick), so the trace does not
 * depend on how often or in which order sensors are read.
 */
final class Noise {

  private Noise() {}

  /** SplitMix64's finaliser: a strong 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  static double uniform(long seed, long a, long b) {
    long h = mix(seed ^ mix(a * 0x9E3779B97F4A7C15L ^ mix(b + 0x632BE59BD9B4E019L)));
    return (h >>> 11) * 0x1.0p-53;
  }

  /**
   * Triangular in (-1, 1), mean 0, standard deviation 1/sqrt(6): cheap and bounded. One mix of the
   * combined key is enough for noise; {@code seedKey} is {@code mix(seed)}, computed once per pass.
   */
  static double triangular(long seedKey, long a, long b) {
    long h = mix(seedKey ^ a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL);
    double u1 = (h >>> 40) * 0x1.0p-24;
    double u2 = ((h >>> 16) & 0xFFFFFF) * 0x1.0p-24;
    return u1 + u2 - 1.0;
  }

  /**
   * A Poisson-distributed count with the given mean, a pure function of (seed, a, b): inversion for
   * small means, the normal approximation (rounded, floored at 0) for large ones.
   */
  static long poisson(long seed, long a, long b, double mean) {
    if (!(mean > 1e-12)) {
      return 0;
    }
    double u = uniform(seed, a, b);
    if (mean < 30) {
      double p = Math.exp(-mean);
      double cdf = p;
      long k = 0;
      while (u > cdf && k < 200) {
        k++;
        p *= mean / k;
        cdf += p;
      }
      return k;
    }
    double v = uniform(seed ^ 0x5DEECE66DL, a, b);
    double gauss = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
  }
}
