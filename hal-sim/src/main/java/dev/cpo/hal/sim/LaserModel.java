package dev.cpo.hal.sim;

import dev.cpo.hal.sim.profile.LaserSpec;

/**
 * One APC laser on a TEC. Pure functions of a {@link LaserSpec}.
 *
 * <p>APC holds output power, so the bias is whatever current gives that power: threshold current
 * (rising as exp(dT / T0) with temperature and with degradation) plus power over slope efficiency
 * (falling with degradation). Degradation d is the fractional bias increase at the setpoint, so
 * laser age = d / end-of-life increase.
 */
final class LaserModel {

  private final LaserSpec spec;
  private final double beginningOfLifeBias;

  LaserModel(LaserSpec spec) {
    this.spec = spec;
    this.beginningOfLifeBias = spec.beginningOfLifeBiasMilliamps();
  }

  double biasMilliamps(double laserCelsius, double degradation) {
    double threshold = spec.thresholdMilliamps() * Math.exp((laserCelsius - spec.setpointCelsius())
        / spec.characteristicKelvin()) * (1 + degradation);
    double slope = spec.slopeMilliwattsPerMilliamp() / (1 + degradation);
    return threshold + spec.outputMilliwatts() / slope;
  }

  /** Output power at a given bias (under the ceiling APC cannot reach its setpoint): slope x (bias - threshold). */
  double milliwattsAtBias(double laserCelsius, double degradation, double biasMilliamps) {
    double threshold = spec.thresholdMilliamps() * Math.exp((laserCelsius - spec.setpointCelsius())
        / spec.characteristicKelvin()) * (1 + degradation);
    double slope = spec.slopeMilliwattsPerMilliamp() / (1 + degradation);
    return Math.max(0, slope * (biasMilliamps - threshold));
  }

  /** CMIS laser age in percent, 0 at beginning of life, 100 at the end-of-life bias increase. */
  double agePercent(double degradation) {
    return Math.min(100, Math.max(0, 100 * degradation / (spec.endOfLifeBiasIncreasePercent() / 100)));
  }

  /** TEC current demand in percent for a case temperature; above 100 the TEC is saturated. */
  double tecDemandPercent(double caseCelsius) {
    return spec.tecBasePercent() + spec.tecPercentPerKelvin() * (caseCelsius - spec.tecReferenceCaseCelsius());
  }

  /**
   * Steady-state laser temperature under a working TEC: the setpoint until the TEC saturates, then
   * climbing kelvin for kelvin with what the TEC can no longer pump.
   */
  double heldCelsius(double caseCelsius) {
    double excess = tecDemandPercent(caseCelsius) - 100;
    return spec.setpointCelsius() + Math.max(0, excess) / spec.tecPercentPerKelvin();
  }

  double beginningOfLifeBiasMilliamps() {
    return beginningOfLifeBias;
  }

  /** Electrical power of one laser: diode plus TEC. */
  double watts(double biasMilliamps, double tecPercent) {
    return biasMilliamps / 1000 * spec.forwardVolts() + tecPercent / 100 * spec.tecWattsAtFull();
  }
}
