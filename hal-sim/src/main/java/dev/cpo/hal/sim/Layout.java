package dev.cpo.hal.sim;

import dev.cpo.hal.EntityClass;
import dev.cpo.hal.SensorKind;

/**
 * Where each entity and sensor sits in the inventory's dense lists. Entities come class by class in
 * {@link EntityClass} order; each entity's sensors come in the order of its class's sensor list, so a
 * sensor's index is {@code base + entityOrdinal x stride + slot}.
 *
 * <p>Sensors added after the first release come after all of those, class by class, so no sensor that was
 * already there moves (its entPhysicalIndex in ENTITY-MIB is {@code entities + index + 1}): the laser
 * modules' supply current, then (where the profile's grid says the module reports it) each laser's
 * frequency.
 */
final class Layout {

  static final SensorKind[] CHASSIS_SENSORS = {SensorKind.TEMPERATURE};
  static final SensorKind[] ASIC_SENSORS = {SensorKind.TEMPERATURE, SensorKind.POWER};
  static final SensorKind[] ENGINE_SENSORS = {SensorKind.TEMPERATURE, SensorKind.POWER};
  static final SensorKind[] MODULE_SENSORS = {SensorKind.TEMPERATURE, SensorKind.VOLTAGE};
  static final SensorKind[] LASER_SENSORS = {
    SensorKind.BIAS_CURRENT, SensorKind.TX_POWER, SensorKind.TEMPERATURE, SensorKind.TEC_CURRENT, SensorKind.LASER_AGE
  };
  static final SensorKind[] LANE_SENSORS = {SensorKind.TX_POWER, SensorKind.RX_POWER, SensorKind.PRE_FEC_BER};
  static final SensorKind[] LOOP_SENSORS = {
    SensorKind.COOLANT_INLET_TEMPERATURE, SensorKind.COOLANT_OUTLET_TEMPERATURE, SensorKind.COOLANT_FLOW
  };
  static final SensorKind[] FAN_SENSORS = {SensorKind.FAN_SPEED};
  static final SensorKind[] POWER_SENSORS = {SensorKind.POWER, SensorKind.VOLTAGE};

  // Slots within each class's list.
  static final int LASER_BIAS = 0;
  static final int LASER_TX = 1;
  static final int LASER_TEMP = 2;
  static final int LASER_TEC = 3;
  static final int LASER_AGE = 4;
  static final int LANE_TX = 0;
  static final int LANE_RX = 1;
  static final int LANE_BER = 2;
  static final int LOOP_INLET = 0;
  static final int LOOP_OUTLET = 1;
  static final int LOOP_FLOW = 2;

  final int chassisEntity = 0;
  final int asicEntity;
  final int engineEntity;
  final int moduleEntity;
  final int laserEntity;
  final int portEntity;
  final int laneEntity;
  final int loopEntity;
  final int fanEntity;
  final int powerEntity;
  final int leakEntity;
  final int entityCount;

  final int chassisSensor = 0;
  final int asicSensor;
  final int engineSensor;
  final int moduleSensor;
  final int laserSensor;
  final int laneSensor;
  final int loopSensor;
  final int fanSensor;
  final int powerSensor;
  final int supplyCurrentSensor;
  final int frequencySensor;
  /** Lasers with a frequency sensor: all of them, or none when the profile's grid is {@code none}. */
  final int frequencySensors;
  final int sensorCount;

  Layout(Topology t) {
    asicEntity = 1;
    engineEntity = asicEntity + t.asics;
    moduleEntity = engineEntity + t.engines;
    laserEntity = moduleEntity + t.modules;
    portEntity = laserEntity + t.lasers;
    laneEntity = portEntity + t.ports;
    loopEntity = laneEntity + t.lanes;
    fanEntity = loopEntity + t.loops;
    powerEntity = fanEntity + t.fans;
    leakEntity = powerEntity + 1;
    entityCount = leakEntity + t.leaks;

    asicSensor = CHASSIS_SENSORS.length;
    engineSensor = asicSensor + t.asics * ASIC_SENSORS.length;
    moduleSensor = engineSensor + t.engines * ENGINE_SENSORS.length;
    laserSensor = moduleSensor + t.modules * MODULE_SENSORS.length;
    laneSensor = laserSensor + t.lasers * LASER_SENSORS.length;
    loopSensor = laneSensor + t.lanes * LANE_SENSORS.length;
    fanSensor = loopSensor + t.loops * LOOP_SENSORS.length;
    powerSensor = fanSensor + t.fans * FAN_SENSORS.length;
    supplyCurrentSensor = powerSensor + POWER_SENSORS.length;
    frequencySensor = supplyCurrentSensor + t.modules;
    frequencySensors = t.profile.lasers().reportsFrequency() ? t.lasers : 0;
    sensorCount = frequencySensor + frequencySensors;
  }

  int asicTemp(int a) {
    return asicSensor + a * 2;
  }

  int asicPower(int a) {
    return asicSensor + a * 2 + 1;
  }

  int engineTemp(int e) {
    return engineSensor + e * 2;
  }

  int enginePower(int e) {
    return engineSensor + e * 2 + 1;
  }

  int moduleTemp(int m) {
    return moduleSensor + m * 2;
  }

  int moduleVoltage(int m) {
    return moduleSensor + m * 2 + 1;
  }

  int laser(int i, int slot) {
    return laserSensor + i * LASER_SENSORS.length + slot;
  }

  int lane(int q, int slot) {
    return laneSensor + q * LANE_SENSORS.length + slot;
  }

  int loop(int j, int slot) {
    return loopSensor + j * LOOP_SENSORS.length + slot;
  }

  int fanSpeed(int f) {
    return fanSensor + f;
  }

  int inputPower() {
    return powerSensor;
  }

  int inputVoltage() {
    return powerSensor + 1;
  }

  int moduleSupplyCurrent(int m) {
    return supplyCurrentSensor + m;
  }

  /** The frequency sensor of laser {@code i}; only when {@link #frequencySensors} is not 0. */
  int laserFrequency(int i) {
    return frequencySensor + i;
  }
}
