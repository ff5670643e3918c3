package dev.cpo.hal.sim.profile;

/**
 * Switch ASICs. With several ASICs the switch is multi-plane: lane k of every port is served by ASIC
 * ((k - 1) mod count) + 1.
 *
 * @param count number of ASICs; must divide the lanes per port
 * @param model part name
 * @param staticWatts power at zero load
 * @param dynamicWatts extra power at full load
 * @param junctionToPlateKelvinPerWatt conduction resistance, die to cold plate
 * @param plateToCoolantKelvinPerWatt convection resistance, cold plate to coolant, at nominal flow
 * @param timeConstantSeconds first-order thermal time constant
 * @param hardwareShutdownCelsius the ASIC turns itself off at this temperature
 */
public record AsicSpec(
    int count,
    String model,
    double staticWatts,
    double dynamicWatts,
    double junctionToPlateKelvinPerWatt,
    double plateToCoolantKelvinPerWatt,
    double timeConstantSeconds,
    double hardwareShutdownCelsius) {

  public AsicSpec {
    Require.positive("asics.count", count);
    Require.notBlank("asics.model", model);
    Require.positive("asics.staticWatts", staticWatts);
    Require.range("asics.dynamicWatts", dynamicWatts, 0, 10_000);
    Require.positive("asics.junctionToPlateKelvinPerWatt", junctionToPlateKelvinPerWatt);
    Require.positive("asics.plateToCoolantKelvinPerWatt", plateToCoolantKelvinPerWatt);
    Require.positive("asics.timeConstantSeconds", timeConstantSeconds);
    Require.range("asics.hardwareShutdownCelsius", hardwareShutdownCelsius, 60, 200);
  }
}
