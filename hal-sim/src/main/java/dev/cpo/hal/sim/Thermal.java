package dev.cpo.hal.sim;

/** The first-order thermal step. */
final class Thermal {

  private Thermal() {}

  /**
   * Exact solution of dT/dt = (steady - T) / tau over dt for a constant steady state, so the result
   * does not depend on how dt is cut into steps.
   */
  static double relax(double temperature, double steady, double dtSeconds, double tauSeconds) {
    return temperature + (steady - temperature) * fraction(dtSeconds, tauSeconds);
  }

  /** The share of the way to the steady state covered in dt: 1 - exp(-dt / tau); 0 when dt is 0. */
  static double fraction(double dtSeconds, double tauSeconds) {
    return dtSeconds > 0 ? -Math.expm1(-dtSeconds / tauSeconds) : 0;
  }
}
