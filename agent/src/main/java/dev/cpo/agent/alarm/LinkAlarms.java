package dev.cpo.agent.alarm;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.OperState;
import dev.cpo.hal.SensorKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Root causes of dark or erring links, from the evidence a switch has of both ends of each lane. A
 * lane's own laser feeds only what it transmits; what it receives comes from the far end. So:
 * <ul>
 *   <li>light missing on receive while the lane's laser is healthy: the far end or the fibre
 *       ({@code far-end-los}), nothing local to replace;</li>
 *   <li>every lane of a port dark that way: the port's fibre or connector ({@code port-fibre-dark});</li>
 *   <li>the far end reports it gets none of our light while our laser is healthy: the fibre towards it
 *       or its receiver ({@code far-end-no-light});</li>
 *   <li>light arriving well below the switch's typical level with FEC degraded or lock lost: a dirty
 *       connector ({@code dirty-fibre}): clean it.</li>
 * </ul>
 * A dead local laser is its own root ({@link StatusAlarms}: replace its laser module); its lanes'
 * TX faults and remote faults are its symptoms. Only ports not fully up are examined.
 */
public final class LinkAlarms {

  /** Received power this far below the switch's median, with errors, points at dirt (estimate). */
  static final double DIRTY_BELOW_MEDIAN_DB = 1.5;

  private final int lanesPerPort;
  private final int[] portEntity;
  private final int[][] laneEntity;
  private final int[][] laneLaserEntity;
  private final int[][] laneRxSensor;
  private final String[] portName;
  private final String[][] laneName;
  private final String[][] laneLaser;
  private double[] rxScratch;

  public LinkAlarms(Inventory inventory) {
    int ports = inventory.portCount();
    lanesPerPort = inventory.lanesPerPort();
    portEntity = new int[ports];
    laneEntity = new int[ports][lanesPerPort];
    laneLaserEntity = new int[ports][lanesPerPort];
    laneRxSensor = new int[ports][lanesPerPort];
    portName = new String[ports];
    laneName = new String[ports][lanesPerPort];
    laneLaser = new String[ports][lanesPerPort];
    for (int[] row : laneLaserEntity) {
      Arrays.fill(row, -1);
    }
    for (LaserMapping m : inventory.laserMappings()) {
      int laser = inventory.require(m.laser()).index();
      for (LaneRef lane : m.lanes()) {
        laneLaserEntity[lane.port() - 1][lane.lane() - 1] = laser;
        laneLaser[lane.port() - 1][lane.lane() - 1] = m.laser();
      }
    }
    for (Entity port : inventory.entitiesOf(EntityClass.PORT)) {
      portName[port.port() - 1] = port.name();
      portEntity[port.port() - 1] = port.index();
    }
    for (Entity lane : inventory.entitiesOf(EntityClass.LANE)) {
      int p = lane.port() - 1;
      int k = lane.lane() - 1;
      laneName[p][k] = lane.name();
      laneEntity[p][k] = lane.index();
      laneRxSensor[p][k] = inventory.sensor(lane.name(), SensorKind.RX_POWER).map(s -> s.index()).orElse(-1);
    }
  }

  /** Adds a root-cause candidate for each dark or erring link whose evidence points away from the lasers. */
  public void detect(HalSnapshot snap, Map<String, AlarmCandidate> out) {
    double median = Double.NaN;
    for (int p = 0; p < portEntity.length; p++) {
      EntityStatus port = snap.entityStatus(portEntity[p]);
      if (!port.adminUp()) {
        continue;
      }
      boolean errors = false;
      if (port.state() == OperState.UP) {
        // A port fully up may still carry a lane with FEC degraded.
        for (int k = 0; k < lanesPerPort && !errors; k++) {
          errors = snap.entityStatus(laneEntity[p][k]).state() == OperState.DEGRADED;
        }
        if (!errors) {
          continue;
        }
      }
      List<Integer> dark = new ArrayList<>();
      for (int k = 0; k < lanesPerPort; k++) {
        EntityStatus lane = snap.entityStatus(laneEntity[p][k]);
        String code = lane.faultCode();
        boolean laserHealthy = laserHealthy(snap, p, k);
        if (lane.state() == OperState.DOWN && code.equals("los") && laserHealthy) {
          dark.add(k);
        } else if (lane.state() == OperState.DOWN && code.equals("remote-fault") && laserHealthy) {
          String lan = laneName[p][k];
          put(out, AlarmCandidate.root(AlarmConditions.FAR_END_NO_LIGHT, lan,
              "The far end of " + lan + " receives no light from it (remote fault) while its laser " + laneLaser[p][k]
                  + " is healthy: the fibre towards the far end, or the far end's receiver",
              List.of(portName[p], lan)));
        } else if (code.equals("loss-of-lock") || code.equals("fec-degraded")) {
          if (Double.isNaN(median)) {
            median = medianRx(snap);
          }
          dirty(snap, p, k, code, median, out);
        }
      }
      if (dark.size() == lanesPerPort) {
        List<String> affected = new ArrayList<>();
        affected.add(portName[p]);
        for (int k = 0; k < lanesPerPort; k++) {
          affected.add(laneName[p][k]);
        }
        put(out, AlarmCandidate.root(AlarmConditions.PORT_FIBRE_DARK, portName[p],
            "Port " + portName[p] + " receives no light on any of its " + lanesPerPort
                + " lanes while its lasers are healthy: its fibre or connector (or the far end)", affected));
      } else {
        for (int k : dark) {
          String lan = laneName[p][k];
          put(out, AlarmCandidate.root(AlarmConditions.FAR_END_LOS, lan,
              "No light received on " + lan + " while its own laser " + laneLaser[p][k]
                  + " is healthy: the far end's transmitter or the fibre", List.of(portName[p], lan)));
        }
      }
    }
  }

  private void dirty(HalSnapshot snap, int p, int k, String code, double median, Map<String, AlarmCandidate> out) {
    int sensor = laneRxSensor[p][k];
    if (sensor < 0 || !snap.available(sensor) || Double.isNaN(median)) {
      return;
    }
    double rx = snap.value(sensor);
    if (rx > median - DIRTY_BELOW_MEDIAN_DB) {
      return;
    }
    String lan = laneName[p][k];
    String what = code.equals("loss-of-lock") ? "has lost lock" : "has FEC degraded";
    put(out, AlarmCandidate.root(AlarmConditions.DIRTY_FIBRE, lan,
        String.format(Locale.ROOT, "%s %s: light arrives at %.1f dBm, %.1f dB below the switch's typical %.1f dBm:"
            + " a dirty or damaged connector", lan, what, rx, median - rx, median), List.of(portName[p], lan))
        .withSeverity(code.equals("loss-of-lock") ? Severity.MAJOR : Severity.MINOR)
        .withReading(rx, median - DIRTY_BELOW_MEDIAN_DB));
  }

  private static void put(Map<String, AlarmCandidate> out, AlarmCandidate c) {
    out.put(c.id(), c);
  }

  private boolean laserHealthy(HalSnapshot snap, int p, int k) {
    int laser = laneLaserEntity[p][k];
    return laser >= 0 && snap.entityStatus(laser).state() == OperState.UP;
  }

  /** Median received power of the lanes that are up: what a healthy link receives on this switch. */
  private double medianRx(HalSnapshot snap) {
    int ports = portEntity.length;
    if (rxScratch == null) {
      rxScratch = new double[ports * lanesPerPort];
    }
    int n = 0;
    for (int p = 0; p < ports; p++) {
      for (int k = 0; k < lanesPerPort; k++) {
        int sensor = laneRxSensor[p][k];
        if (sensor >= 0 && snap.available(sensor) && snap.entityStatus(laneEntity[p][k]).state() == OperState.UP) {
          rxScratch[n++] = snap.value(sensor);
        }
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(rxScratch, 0, n);
    return rxScratch[n / 2];
  }
}
