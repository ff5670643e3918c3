package dev.cpo.hal.sim.profile;

/**
 * Liquid loops (ASICs and engines) and fans (laser modules and the rest, by air).
 *
 * @param loops parallel liquid loops; ASICs are shared out over them in order
 * @param flowLitresPerMinute nominal flow per loop
 * @param inletCelsius nominal coolant inlet temperature
 * @param coolantDensityKgPerLitre coolant density
 * @param coolantHeatCapacityJoulesPerKgKelvin coolant specific heat
 * @param residualFlowFraction heat still carried away with no pumped flow (fraction of nominal)
 * @param convectionFlowExponent convection resistance scales with flow^-exponent
 * @param fans fan units
 * @param fanMaxRpm fan speed at 100 % demand
 * @param fanDefaultPercent demand at start
 * @param fanMaxWatts fan power at 100 % (scales with speed cubed)
 * @param fanTimeConstantSeconds spin-up and spin-down time constant
 * @param airInletCelsius air temperature at the front panel
 * @param leakSensors number of leak sensors
 */
public record CoolingSpec(
    int loops,
    double flowLitresPerMinute,
    double inletCelsius,
    double coolantDensityKgPerLitre,
    double coolantHeatCapacityJoulesPerKgKelvin,
    double residualFlowFraction,
    double convectionFlowExponent,
    int fans,
    double fanMaxRpm,
    double fanDefaultPercent,
    double fanMaxWatts,
    double fanTimeConstantSeconds,
    double airInletCelsius,
    int leakSensors) {

  public CoolingSpec {
    Require.positive("cooling.loops", loops);
    Require.positive("cooling.flowLitresPerMinute", flowLitresPerMinute);
    Require.range("cooling.inletCelsius", inletCelsius, 0, 90);
    Require.positive("cooling.coolantDensityKgPerLitre", coolantDensityKgPerLitre);
    Require.positive("cooling.coolantHeatCapacityJoulesPerKgKelvin", coolantHeatCapacityJoulesPerKgKelvin);
    Require.range("cooling.residualFlowFraction", residualFlowFraction, 0.001, 1);
    Require.range("cooling.convectionFlowExponent", convectionFlowExponent, 0, 2);
    Require.positive("cooling.fans", fans);
    Require.positive("cooling.fanMaxRpm", fanMaxRpm);
    Require.range("cooling.fanDefaultPercent", fanDefaultPercent, 1, 100);
    Require.range("cooling.fanMaxWatts", fanMaxWatts, 0, 2000);
    Require.positive("cooling.fanTimeConstantSeconds", fanTimeConstantSeconds);
    Require.range("cooling.airInletCelsius", airInletCelsius, -20, 60);
    Require.range("cooling.leakSensors", leakSensors, 0, 64);
  }
}
