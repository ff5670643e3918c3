package dev.cpo.hal.sim;

/**
 * Run-time settings of the simulator.
 *
 * @param timeScale simulated seconds per wall-clock second (1 = real time; 3600 = an hour a second)
 * @param load traffic load per port, 0..1
 * @param seed random seed for noise
 */
public record SimSettings(double timeScale, double load, long seed) {

  public SimSettings {
    if (!(timeScale > 0 && timeScale <= 1_000_000)) {
      throw new IllegalArgumentException("timeScale must be in (0, 1000000], was " + timeScale);
    }
    if (!(load >= 0 && load <= 1)) {
      throw new IllegalArgumentException("load must be in [0, 1], was " + load);
    }
  }
}
