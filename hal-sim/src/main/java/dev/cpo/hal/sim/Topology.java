package dev.cpo.hal.sim;

import dev.cpo.hal.sim.profile.Profile;
import java.util.Arrays;

/**
 * The counts of a profile and every index relation derived from them, as flat arrays (0-based).
 *
 * <p>The mapping rule (DOMAIN.md's default, generalised): with A ASICs, lane k of every port is served
 * by ASIC ((k-1) mod A)+1. An ASIC's lanes, ordered by port, are cut into runs of lanesPerEngine; each
 * run is one engine. Laser module e feeds ports (e-1)P+1..eP, P = lasersPerModule x lanesPerLaser /
 * lanesPerPort. With S = P / lanesPerLaser port groups, laser l feeds lane ceil(l/S) of the
 * lanesPerLaser ports of group (l-1) mod S. On the default profile S = 2: odd lasers feed the first 4
 * ports, even lasers the last 4.
 */
final class Topology {

  final Profile profile;
  final int ports;
  final int lanesPerPort;
  final int lanes;
  final int asics;
  final int engines;
  final int lanesPerEngine;
  final int modules;
  final int lasersPerModule;
  final int lanesPerLaser;
  final int lasers;
  final int portsPerModule;
  final int loops;
  final int fans;
  final int leaks;

  /** Per lane index ((port-1) x lanesPerPort + lane-1). */
  final int[] laneAsic;
  final int[] laneEngine;
  final int[] laneLaser;
  final int[] lanePort;
  final int[][] laserLanes;
  final int[][] laserEngines;
  final int[] engineAsic;
  final int[][] engineLanes;
  final int[][] asicLoops;
  final int[] asicLaneCount;

  Topology(Profile profile) {
    this.profile = profile;
    ports = profile.ports().count();
    lanesPerPort = profile.ports().lanesPerPort();
    lanes = ports * lanesPerPort;
    asics = profile.asics().count();
    engines = profile.opticalEngines().count();
    lanesPerEngine = profile.opticalEngines().lanesPerEngine();
    modules = profile.laserModules().count();
    lasersPerModule = profile.laserModules().lasersPerModule();
    lanesPerLaser = profile.laserModules().lanesPerLaser();
    lasers = modules * lasersPerModule;
    portsPerModule = profile.portsPerLaserModule();
    loops = profile.cooling().loops();
    fans = profile.cooling().fans();
    leaks = profile.cooling().leakSensors();

    laneAsic = new int[lanes];
    laneEngine = new int[lanes];
    laneLaser = new int[lanes];
    lanePort = new int[lanes];
    engineAsic = new int[engines];
    asicLaneCount = new int[asics];
    int enginesPerAsic = engines / asics;
    int lanesPerPortPerAsic = lanesPerPort / asics;
    for (int p = 0; p < ports; p++) {
      for (int k = 0; k < lanesPerPort; k++) {
        int q = p * lanesPerPort + k;
        int a = k % asics;
        int ordinalOnAsic = p * lanesPerPortPerAsic + k / asics;
        int e = a * enginesPerAsic + ordinalOnAsic / lanesPerEngine;
        laneAsic[q] = a;
        laneEngine[q] = e;
        lanePort[q] = p;
        engineAsic[e] = a;
        asicLaneCount[a]++;
      }
    }
    engineLanes = invert(laneEngine, engines);

    int groups = portsPerModule / lanesPerLaser;
    laserLanes = new int[lasers][lanesPerLaser];
    Arrays.fill(laneLaser, -1);
    for (int m = 0; m < modules; m++) {
      for (int l = 0; l < lasersPerModule; l++) {
        int laser = m * lasersPerModule + l;
        int lane = l / groups;
        int group = l % groups;
        for (int j = 0; j < lanesPerLaser; j++) {
          int port = m * portsPerModule + group * lanesPerLaser + j;
          int q = port * lanesPerPort + lane;
          laserLanes[laser][j] = q;
          laneLaser[q] = laser;
        }
      }
    }
    for (int q = 0; q < lanes; q++) {
      if (laneLaser[q] < 0) {
        throw new IllegalStateException("lane " + q + " has no laser: profile " + profile.name());
      }
    }
    laserEngines = new int[lasers][];
    for (int i = 0; i < lasers; i++) {
      laserEngines[i] = Arrays.stream(laserLanes[i]).map(q -> laneEngine[q]).distinct().sorted().toArray();
    }
    asicLoops = new int[asics][];
    for (int a = 0; a < asics; a++) {
      if (asics >= loops) {
        asicLoops[a] = new int[] {a * loops / asics};
      } else {
        // Fewer ASICs than loops: the loops run in parallel through every cold plate.
        asicLoops[a] = java.util.stream.IntStream.range(0, loops).toArray();
      }
    }
  }

  private static int[][] invert(int[] map, int size) {
    int[] counts = new int[size];
    for (int v : map) {
      counts[v]++;
    }
    int[][] out = new int[size][];
    for (int i = 0; i < size; i++) {
      out[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (int q = 0; q < map.length; q++) {
      out[map[q]][counts[map[q]]++] = q;
    }
    return out;
  }

  int moduleOfLaser(int laser) {
    return laser / lasersPerModule;
  }

  int laneIndex(int port0, int lane0) {
    return port0 * lanesPerPort + lane0;
  }
}
