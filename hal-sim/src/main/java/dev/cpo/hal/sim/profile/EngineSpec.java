package dev.cpo.hal.sim.profile;

/**
 * Optical engines (silicon-photonics transceivers next to the ASIC). Engine n serves a run of
 * consecutive lanes of one ASIC plane, ordered by port.
 *
 * @param count number of engines; count x lanesPerEngine must equal ports x lanes per port
 * @param lanesPerEngine 200G lanes one engine carries (8 for 1.6T, 16 for 3.2T, 32 for 6.4T)
 * @param fieldReplaceable true on a near-packaged (socketed) switch, false when co-packaged
 * @param model part name
 * @param staticWatts power with no traffic
 * @param dynamicWatts extra power at full load with all lanes lit
 * @param junctionToPlateKelvinPerWatt conduction resistance to the cold plate
 * @param plateToCoolantKelvinPerWatt convection resistance to the coolant at nominal flow
 * @param timeConstantSeconds first-order thermal time constant
 * @param ringTuningLimitCelsius above this the micro-ring heaters can no longer hold the resonance
 * @param qPenaltyPerKelvin fractional loss of Q-factor per kelvin above the ring tuning limit
 */
public record EngineSpec(
    int count,
    int lanesPerEngine,
    boolean fieldReplaceable,
    String model,
    double staticWatts,
    double dynamicWatts,
    double junctionToPlateKelvinPerWatt,
    double plateToCoolantKelvinPerWatt,
    double timeConstantSeconds,
    double ringTuningLimitCelsius,
    double qPenaltyPerKelvin) {

  public EngineSpec {
    Require.positive("opticalEngines.count", count);
    Require.positive("opticalEngines.lanesPerEngine", lanesPerEngine);
    Require.notBlank("opticalEngines.model", model);
    Require.positive("opticalEngines.staticWatts", staticWatts);
    Require.range("opticalEngines.dynamicWatts", dynamicWatts, 0, 1000);
    Require.positive("opticalEngines.junctionToPlateKelvinPerWatt", junctionToPlateKelvinPerWatt);
    Require.positive("opticalEngines.plateToCoolantKelvinPerWatt", plateToCoolantKelvinPerWatt);
    Require.positive("opticalEngines.timeConstantSeconds", timeConstantSeconds);
    Require.range("opticalEngines.ringTuningLimitCelsius", ringTuningLimitCelsius, 20, 150);
    Require.range("opticalEngines.qPenaltyPerKelvin", qPenaltyPerKelvin, 0, 1);
  }
}
