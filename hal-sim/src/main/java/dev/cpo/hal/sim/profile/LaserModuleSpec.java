package dev.cpo.hal.sim.profile;

/**
 * External laser source (ELS) modules: front-panel pluggable, air cooled. Module e feeds the ports
 * 8(e-1)+1..8e on the default profile; see {@code Topology} for the general rule.
 *
 * @param count number of modules
 * @param lasersPerModule CW lasers per module
 * @param lanesPerLaser lanes one laser's light is split over
 * @param fieldReplaceable whether a module can be swapped in the field
 * @param model part name
 * @param electronicsWatts power of the module's controller and drivers
 * @param caseToAirKelvinPerWatt case to air resistance at the default fan speed
 * @param timeConstantSeconds first-order thermal time constant of the case
 * @param supplyVolts nominal supply voltage
 * @param caseShutdownCelsius the module turns its lasers and TEC off above this case temperature, latched
 *     until a laser of it is enabled again once the case is below its warning level
 * @param firmwareRevisions revisions in the field, oldest first: modules at start run the first, a module
 *     inserted at run time (new spare stock) the last
 */
public record LaserModuleSpec(
    int count,
    int lasersPerModule,
    int lanesPerLaser,
    boolean fieldReplaceable,
    String model,
    double electronicsWatts,
    double caseToAirKelvinPerWatt,
    double timeConstantSeconds,
    double supplyVolts,
    double caseShutdownCelsius,
    java.util.List<String> firmwareRevisions) {

  public LaserModuleSpec {
    Require.positive("laserModules.count", count);
    Require.positive("laserModules.lasersPerModule", lasersPerModule);
    Require.positive("laserModules.lanesPerLaser", lanesPerLaser);
    Require.notBlank("laserModules.model", model);
    Require.range("laserModules.electronicsWatts", electronicsWatts, 0, 100);
    Require.positive("laserModules.caseToAirKelvinPerWatt", caseToAirKelvinPerWatt);
    Require.positive("laserModules.timeConstantSeconds", timeConstantSeconds);
    Require.range("laserModules.supplyVolts", supplyVolts, 1, 60);
    Require.range("laserModules.caseShutdownCelsius", caseShutdownCelsius, 30, 150);
    if (firmwareRevisions == null || firmwareRevisions.isEmpty() || firmwareRevisions.stream().anyMatch(
        r -> r == null || r.isBlank())) {
      throw new IllegalArgumentException("laserModules.firmwareRevisions must list at least one revision");
    }
    firmwareRevisions = java.util.List.copyOf(firmwareRevisions);
  }
}
