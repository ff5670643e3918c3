package dev.cpo.hal.sim;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityAddress;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.sim.profile.Profile;
import java.util.ArrayList;
import java.util.List;

/** Builds the immutable inventory of a topology: entities with containment, sensors, laser mapping. */
final class InventoryFactory {

  private final Topology t;
  private final Layout layout;
  private final long seed;
  private final List<Entity> entities = new ArrayList<>();
  private final List<Sensor> sensors = new ArrayList<>();

  private InventoryFactory(Topology t, Layout layout, long seed) {
    this.t = t;
    this.layout = layout;
    this.seed = seed;
  }

  /** Serial numbers are drawn from {@code seed}, so the same seed names the same hardware. */
  static Inventory build(Topology t, Layout layout, long seed) {
    return new InventoryFactory(t, layout, seed).build();
  }

  private Inventory build() {
    Profile p = t.profile;
    String portDescription = (t.lanesPerPort * p.ports().laneRateGbps()) + "G port (" + t.lanesPerPort + " x "
        + p.ports().laneRateGbps() + "G lanes)";
    add("chassis", EntityClass.CHASSIS, null, 1, false, serial("MT", 0), p.model(), p.description(),
        Layout.CHASSIS_SENSORS, true, EntityAddress.numbered(1));
    for (int a = 0; a < t.asics; a++) {
      add("asic" + (a + 1), EntityClass.ASIC, "chassis", a + 1, false, serial("AS", entities.size()), p.asics().model(),
          "switch ASIC, plane " + (a + 1), Layout.ASIC_SENSORS, false, EntityAddress.numbered(a + 1));
    }
    boolean engineFru = p.opticalEngines().fieldReplaceable();
    int enginesPerAsic = t.engines / t.asics;
    for (int e = 0; e < t.engines; e++) {
      int a = t.engineAsic[e];
      String parent = engineFru ? "chassis" : "asic" + (a + 1);
      int position = engineFru ? e + 1 : e % enginesPerAsic + 1;
      String what = engineFru ? "socketed optical engine (field-replaceable)" : "co-packaged optical engine (not field-replaceable)";
      add("oe" + (e + 1), EntityClass.OPTICAL_ENGINE, parent, position, engineFru, serial("OE", entities.size()),
          p.opticalEngines().model(), what + " on asic" + (a + 1), Layout.ENGINE_SENSORS, false, EntityAddress.numbered(e + 1));
    }
    for (int m = 0; m < t.modules; m++) {
      int first = m * t.portsPerModule + 1;
      add("els" + (m + 1), EntityClass.LASER_MODULE, "chassis", m + 1, p.laserModules().fieldReplaceable(),
          serial("EL", entities.size()), p.laserModules().model(),
          "external laser source for ports " + first + "-" + (first + t.portsPerModule - 1), Layout.MODULE_SENSORS, false, EntityAddress.laserModule(m + 1));
    }
    for (int i = 0; i < t.lasers; i++) {
      int m = t.moduleOfLaser(i);
      int l = i % t.lasersPerModule;
      add(laserName(i), EntityClass.LASER, "els" + (m + 1), l + 1, false, "",
          "CW laser " + (int) p.lasers().wavelengthNm() + " nm", "laser " + (l + 1) + " of els" + (m + 1),
          Layout.LASER_SENSORS, false, EntityAddress.laser(m + 1, l + 1));
    }
    for (int port = 0; port < t.ports; port++) {
      add("port" + (port + 1), EntityClass.PORT, "chassis", port + 1, false, "", "MPO-12", portDescription,
          new SensorKind[0], false, EntityAddress.port(port + 1));
    }
    for (int q = 0; q < t.lanes; q++) {
      int port = q / t.lanesPerPort;
      int k = q % t.lanesPerPort;
      add("port" + (port + 1) + "/lane" + (k + 1), EntityClass.LANE, "port" + (port + 1), k + 1, false, "",
          p.ports().laneRateGbps() + "G PAM4 lane", "lane " + (k + 1) + " on asic" + (t.laneAsic[q] + 1) + " via oe"
              + (t.laneEngine[q] + 1) + ", light from " + laserName(t.laneLaser[q]),
          Layout.LANE_SENSORS, false, EntityAddress.lane(port + 1, k + 1));
    }
    for (int j = 0; j < t.loops; j++) {
      add("loop" + (j + 1), EntityClass.COOLING_LOOP, "chassis", j + 1, false, "", "liquid cooling loop",
          "liquid loop " + (j + 1), Layout.LOOP_SENSORS, true, EntityAddress.numbered(j + 1));
    }
    for (int f = 0; f < t.fans; f++) {
      add("fan" + (f + 1), EntityClass.FAN, "chassis", f + 1, true, serial("FN", entities.size()), "dual-rotor fan unit",
          "fan unit " + (f + 1), Layout.FAN_SENSORS, true, EntityAddress.numbered(f + 1));
    }
    add("power1", EntityClass.POWER_INPUT, "chassis", 1, false, "", "DC busbar input",
        p.power().busbarVolts() + " V DC busbar input", Layout.POWER_SENSORS, true, EntityAddress.numbered(1));
    for (int k = 0; k < t.leaks; k++) {
      add("leak" + (k + 1), EntityClass.LEAK_SENSOR, "chassis", k + 1, false, "", "leak sensor", "leak sensor " + (k + 1),
          new SensorKind[0], true, EntityAddress.numbered(k + 1));
    }
    // Sensors added later come last, so the earlier ones keep their indexes (Layout).
    for (int m = 0; m < t.modules; m++) {
      addSensor(layout.moduleEntity + m, SensorKind.SUPPLY_CURRENT, true);
    }
    for (int i = 0; i < layout.frequencySensors; i++) {
      addSensor(layout.laserEntity + i, SensorKind.FREQUENCY, false);
    }
    if (entities.size() != layout.entityCount || sensors.size() != layout.sensorCount) {
      throw new IllegalStateException("inventory does not match its layout");
    }
    return new Inventory(p.name(), p.model(), t.ports, t.lanesPerPort, p.ports().laneRateGbps() * 1000L, entities,
        sensors, mappings());
  }

  private List<LaserMapping> mappings() {
    List<LaserMapping> out = new ArrayList<>(t.lasers);
    for (int i = 0; i < t.lasers; i++) {
      List<LaneRef> lanes = new ArrayList<>();
      for (int q : t.laserLanes[i]) {
        lanes.add(new LaneRef(q / t.lanesPerPort + 1, q % t.lanesPerPort + 1));
      }
      List<String> engines = new ArrayList<>();
      for (int e : t.laserEngines[i]) {
        engines.add("oe" + (e + 1));
      }
      out.add(new LaserMapping(laserName(i), lanes, engines));
    }
    return out;
  }

  private String laserName(int i) {
    return "els" + (t.moduleOfLaser(i) + 1) + "/laser" + (i % t.lasersPerModule + 1);
  }

  private void add(String name, EntityClass cls, String parent, int position, boolean fru, String serial, String model,
      String description, SensorKind[] kinds, boolean slow, EntityAddress address) {
    entities.add(new Entity(entities.size(), name, cls, parent, position, fru, serial, model, description, address));
    for (SensorKind kind : kinds) {
      boolean slowSensor = slow || kind == SensorKind.VOLTAGE;
      sensors.add(new Sensor(sensors.size(), name, cls, kind, slowSensor));
    }
  }

  private void addSensor(int entity, SensorKind kind, boolean slow) {
    Entity e = entities.get(entity);
    sensors.add(new Sensor(sensors.size(), e.name(), e.entityClass(), kind, slow));
  }

  /** A stable, plausible serial: prefix, year-week, then five digits drawn from the seed. */
  private String serial(String prefix, int entityIndex) {
    return serial(prefix, seed, entityIndex, 25);
  }

  /** A serial number like {@code EL2514X04711}: prefix, year, week, a seeded number. */
  static String serial(String prefix, long seed, long key, int year) {
    long h = Noise.mix(seed * 0x9E3779B97F4A7C15L + key);
    int week = Math.floorMod(h, 52) + 1;
    int number = Math.floorMod(h >>> 16, 100_000);
    return String.format("%s%02d%02dX%05d", prefix, year, week, number);
  }

  /** Identities at start: the inventory's serials; laser modules run the profile's first firmware revision. */
  static dev.cpo.hal.FruIdentities identities(Inventory inventory, Topology t, Layout layout) {
    dev.cpo.hal.FruIdentities ids = dev.cpo.hal.FruIdentities.of(inventory);
    String firmware = t.profile.laserModules().firmwareRevisions().get(0);
    for (int m = 0; m < t.modules; m++) {
      int e = layout.moduleEntity + m;
      ids = ids.with(e, inventory.entities().get(e).serialNumber(), firmware);
    }
    return ids;
  }
}
