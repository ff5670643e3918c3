package dev.cpo.hal.sim;

/** The first-order thermal step. */
final class Thermal {

  private Thermal() {}

  /**
   * Exact solution of dT/dt = (steady - T) / tau over dt for a constant steady state, so the result
   * does not depend on how dt is cut into steps.
   */
  static double relax(double temperature, double steady, double dtSeconds, double tauSeconds) {
    return temperature + (steady - temperature) * -Math.expm1(-dtSeconds / tauSeconds);
  }
}
