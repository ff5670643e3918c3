package dev.cpo.hal.sim.profile;

/**
 * Power input.
 *
 * @param busbarVolts nominal DC busbar voltage
 * @param baseWatts power of everything not modelled (CPU board, management, retimers)
 * @param sourceResistanceOhms busbar source resistance (voltage droop under load)
 */
public record PowerSpec(double busbarVolts, double baseWatts, double sourceResistanceOhms) {

  public PowerSpec {
    Require.range("power.busbarVolts", busbarVolts, 1, 1000);
    Require.range("power.baseWatts", baseWatts, 0, 100_000);
    Require.range("power.sourceResistanceOhms", sourceResistanceOhms, 0, 1);
  }
}
