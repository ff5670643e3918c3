package dev.cpo.hal.sim.profile;

/**
 * A hardware profile: the topology and every physical figure of one simulated switch.
 *
 * @param name profile id, e.g. {@code quantum-x-photonics-115t}
 * @param model switch model name
 * @param description one line on what it is
 * @param ports front-panel ports
 * @param asics switch ASICs
 * @param opticalEngines optical engines
 * @param laserModules external laser source modules
 * @param lasers one laser
 * @param links optical path and error model
 * @param cooling liquid loops and fans
 * @param power power input
 * @param moduleThresholds flag levels of the modules
 */
public record Profile(
    String name,
    String model,
    String description,
    PortSpec ports,
    AsicSpec asics,
    EngineSpec opticalEngines,
    LaserModuleSpec laserModules,
    LaserSpec lasers,
    LinkSpec links,
    CoolingSpec cooling,
    PowerSpec power,
    ModuleThresholds moduleThresholds) {

  public Profile {
    Require.notBlank("name", name);
    Require.notBlank("model", model);
    Require.present("description", description);
    Require.present("ports", ports);
    Require.present("asics", asics);
    Require.present("opticalEngines", opticalEngines);
    Require.present("laserModules", laserModules);
    Require.present("lasers", lasers);
    Require.present("links", links);
    Require.present("cooling", cooling);
    Require.present("power", power);
    Require.present("moduleThresholds", moduleThresholds);
    checkTopology(ports, asics, opticalEngines, laserModules);
  }

  /** The counts must fit the default mapping rule; each message says which counts disagree. */
  private static void checkTopology(PortSpec ports, AsicSpec asics, EngineSpec engines, LaserModuleSpec modules) {
    int lanes = ports.count() * ports.lanesPerPort();
    if (ports.lanesPerPort() % asics.count() != 0) {
      throw new IllegalArgumentException(
          "asics.count (" + asics.count() + ") must divide ports.lanesPerPort (" + ports.lanesPerPort() + ")");
    }
    if ((long) engines.count() * engines.lanesPerEngine() != lanes) {
      throw new IllegalArgumentException("opticalEngines.count x lanesPerEngine (" + engines.count() + " x "
          + engines.lanesPerEngine() + ") must equal ports x lanes (" + lanes + ")");
    }
    if (engines.count() % asics.count() != 0) {
      throw new IllegalArgumentException(
          "opticalEngines.count (" + engines.count() + ") must be a multiple of asics.count (" + asics.count() + ")");
    }
    int lightLanesPerModule = modules.lasersPerModule() * modules.lanesPerLaser();
    if (lightLanesPerModule % ports.lanesPerPort() != 0) {
      throw new IllegalArgumentException("laserModules.lasersPerModule x lanesPerLaser (" + lightLanesPerModule
          + ") must be a whole number of ports of " + ports.lanesPerPort() + " lanes");
    }
    int portsPerModule = lightLanesPerModule / ports.lanesPerPort();
    if (portsPerModule % modules.lanesPerLaser() != 0) {
      throw new IllegalArgumentException("ports per laser module (" + portsPerModule
          + ") must be a multiple of laserModules.lanesPerLaser (" + modules.lanesPerLaser() + ")");
    }
    if ((long) modules.count() * portsPerModule != ports.count()) {
      throw new IllegalArgumentException("laserModules.count x ports per module (" + modules.count() + " x "
          + portsPerModule + ") must equal ports.count (" + ports.count() + ")");
    }
  }

  /** Ports whose light comes from one laser module. */
  public int portsPerLaserModule() {
    return laserModules.lasersPerModule() * laserModules.lanesPerLaser() / ports.lanesPerPort();
  }
}
