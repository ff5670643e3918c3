package dev.cpo.hal.sim;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import dev.cpo.hal.ReadingStatus;

/**
 * Copies the simulator's state into a fresh {@link HalSnapshot}: a handful of array copies plus one
 * pass over the entities, reusing the immutable {@link EntityStatus} values, so a snapshot costs little
 * more than the arrays it hands out.
 */
final class SnapshotAssembler {

  private static final EntityStatus UP = EntityStatus.of(OperState.UP);
  private static final EntityStatus DEGRADED = EntityStatus.of(OperState.DEGRADED);
  private static final EntityStatus DISABLED = EntityStatus.of(OperState.DISABLED);
  private static final EntityStatus ABSENT = EntityStatus.of(OperState.ABSENT);
  private static final EntityStatus DOWN = EntityStatus.of(OperState.DOWN);
  private static final EntityStatus RAMPING = EntityStatus.of(OperState.RAMPING);
  private static final EntityStatus LANE_ADMIN_DOWN = new EntityStatus(OperState.DOWN, "", 0, 0, false);
  private static final EntityStatus LASER_DISABLED = new EntityStatus(OperState.DISABLED, "", 0, 0, false);
  private static final EntityStatus LASER_APC_FAILURE = new EntityStatus(OperState.FAILED, "apc-loop-failure", 0, 0, true);
  private static final EntityStatus LASER_TEC_RUNAWAY = new EntityStatus(OperState.FAILED, "tec-runaway", 0, 0, true);
  private static final EntityStatus MODULE_SHUTDOWN = new EntityStatus(OperState.FAILED, "case-overtemp-shutdown", 0, 0, true);
  private static final EntityStatus LASER_MODULE_SHUTDOWN = new EntityStatus(OperState.FAILED, "module-shutdown", 0, 0, true);
  private static final EntityStatus MODULE_ADMIN_SHUTDOWN = new EntityStatus(OperState.DISABLED, "shutdown", 0, 0, false);
  private static final EntityStatus LASER_MODULE_ADMIN_SHUTDOWN =
      new EntityStatus(OperState.DISABLED, "module-shutdown", 0, 0, false);
  private static final EntityStatus ASIC_TRIPPED = new EntityStatus(OperState.FAILED, "thermal-shutdown", 0, 0, true);
  private static final EntityStatus FAN_FAILED = new EntityStatus(OperState.FAILED, "fan-stopped", 0, 0, true);

  private final Topology t;
  private final Layout layout;
  private final Inventory inventory;
  private final EntityStatus[] portStatuses;
  private final EntityStatus portAdminDown;
  private final EntityStatus[] laneDown;
  private final EntityStatus laneFecDegraded;
  private final boolean pcs;
  /** Per port, the status last built for a port that is not fully up, and the lane faults it was built from. */
  private final EntityStatus[] portReasonCache;
  private final long[] portReasonKey;
  private final EntityStatus[] template;
  private final boolean[] unavailable;

  SnapshotAssembler(Topology t, Layout layout, Inventory inventory) {
    this.t = t;
    this.layout = layout;
    this.inventory = inventory;
    long laneRate = t.profile.ports().laneRateGbps() * 1000L;
    portStatuses = new EntityStatus[t.lanesPerPort + 1];
    for (int up = 0; up <= t.lanesPerPort; up++) {
      OperState state = up == t.lanesPerPort ? OperState.UP : up == 0 ? OperState.DOWN : OperState.DEGRADED;
      portStatuses[up] = new EntityStatus(state, "", up, up * laneRate, true);
    }
    portAdminDown = new EntityStatus(OperState.DOWN, "", 0, 0, false);
    laneDown = new EntityStatus[LaneFault.COMBINATIONS];
    for (int bits = 0; bits < LaneFault.COMBINATIONS; bits++) {
      laneDown[bits] = new EntityStatus(OperState.DOWN, LaneFault.code(bits), 0, 0, true);
    }
    laneFecDegraded = new EntityStatus(OperState.DEGRADED, "fec-degraded", 0, 0, true);
    pcs = t.profile.ports().pcs();
    portReasonCache = new EntityStatus[t.ports];
    portReasonKey = new long[t.ports];
    template = new EntityStatus[layout.entityCount];
    java.util.Arrays.fill(template, UP);
    unavailable = new boolean[layout.entityCount];
  }

  HalSnapshot assemble(long sequence, long timeMillis, SimState s, FaultEffects fx, SensorBank bank,
      dev.cpo.hal.FruIdentities identities, dev.cpo.hal.LaserFlags laserFlags) {
    EntityStatus[] statuses = template.clone();
    for (int a = 0; a < t.asics; a++) {
      statuses[layout.asicEntity + a] = s.asicTripped[a] ? ASIC_TRIPPED : s.asicAdminShutdown[a] ? DISABLED : UP;
    }
    for (int e = 0; e < t.engines; e++) {
      int a = t.engineAsic[e];
      if (s.asicAdminShutdown[a] || s.asicTripped[a]) {
        statuses[layout.engineEntity + e] = DISABLED;
      }
    }
    for (int i = 0; i < t.lasers; i++) {
      int m = t.moduleOfLaser(i);
      EntityStatus st;
      if (!s.modulePresent[m]) {
        st = ABSENT;
      } else if (s.moduleTripped[m]) {
        st = LASER_MODULE_SHUTDOWN;
      } else if (s.moduleAdminShutdown[m]) {
        st = LASER_MODULE_ADMIN_SHUTDOWN;
      } else if (!s.laserEnabled[i]) {
        st = LASER_DISABLED;
      } else if (fx.laserFailed[i]) {
        st = LASER_APC_FAILURE;
      } else if (s.laserTripped[i]) {
        st = LASER_TEC_RUNAWAY;
      } else if (s.laserRamping[i]) {
        st = RAMPING;
      } else {
        st = UP;
      }
      statuses[layout.laserEntity + i] = st;
      if (st.state() == OperState.FAILED && statuses[layout.moduleEntity + m] == UP) {
        statuses[layout.moduleEntity + m] = DEGRADED;
      }
    }
    for (int m = 0; m < t.modules; m++) {
      if (!s.modulePresent[m]) {
        statuses[layout.moduleEntity + m] = ABSENT;
      } else if (s.moduleTripped[m]) {
        statuses[layout.moduleEntity + m] = MODULE_SHUTDOWN;
      } else if (s.moduleAdminShutdown[m]) {
        statuses[layout.moduleEntity + m] = MODULE_ADMIN_SHUTDOWN;
      }
    }
    for (int port = 0; port < t.ports; port++) {
      statuses[layout.portEntity + port] = !s.portAdminUp[port] ? portAdminDown
          : s.portLanesUp[port] == t.lanesPerPort ? portStatuses[t.lanesPerPort] : portWithReason(port, s);
    }
    for (int q = 0; q < t.lanes; q++) {
      EntityStatus st;
      if (!s.portAdminUp[t.lanePort[q]]) {
        st = LANE_ADMIN_DOWN;
      } else if (s.laneUp[q]) {
        st = s.laneFecDegraded[q] ? laneFecDegraded : UP;
      } else {
        st = laneDown[s.laneFault[q]];
      }
      statuses[layout.laneEntity + q] = st;
    }
    double nominalFlow = t.profile.cooling().flowLitresPerMinute();
    for (int j = 0; j < t.loops; j++) {
      // Below half the nominal flow the loop no longer cools as designed (DOMAIN.md: alarm at < 50 %).
      statuses[layout.loopEntity + j] = s.loopFlowLpm[j] < nominalFlow / 2 ? DEGRADED : UP;
    }
    for (int f = 0; f < t.fans; f++) {
      statuses[layout.fanEntity + f] = fx.fanFailed[f] ? FAN_FAILED : UP;
    }

    int n = bank.size();
    System.arraycopy(fx.readError, 0, unavailable, 0, unavailable.length);
    for (int m = 0; m < t.modules; m++) {
      if (!s.modulePresent[m]) {
        unavailable[layout.moduleEntity + m] = true;
        for (int l = 0; l < t.lasersPerModule; l++) {
          unavailable[layout.laserEntity + m * t.lasersPerModule + l] = true;
        }
      }
    }
    // CMIS monitors are not valid while a module initialises and its lasers ramp, nor on a lane still
    // training: those readings are unavailable until they settle (so nothing alarms on a transient).
    for (int i = 0; i < t.lasers; i++) {
      // Nor while its module has its lasers' drivers and TECs off (shut down, by command or over its case
      // limit): a laser sitting at its case temperature then is the module's alarm, not one of its own.
      if (s.laserRamping[i] || s.moduleOff(t.moduleOfLaser(i))) {
        unavailable[layout.laserEntity + i] = true;
      }
    }
    for (int q = 0; q < t.lanes; q++) {
      if ((s.laneFault[q] & LaneFault.INITIALISING) != 0) {
        unavailable[layout.laneEntity + q] = true;
      }
    }
    byte[] readStatus = new byte[n];
    byte unavailableCode = (byte) ReadingStatus.UNAVAILABLE.ordinal();
    for (int i = 0; i < n; i++) {
      if (unavailable[bank.entityOf(i)]) {
        readStatus[i] = unavailableCode;
      }
    }

    int kinds = CounterKind.values().length;
    long[][] portCounters = new long[kinds][];
    long[][] laneCounters = new long[kinds][];
    for (CounterKind k : CounterKind.values()) {
      if (k.entityClass() == EntityClass.PORT) {
        portCounters[k.ordinal()] = s.portCounters[k.ordinal()].clone();
      } else {
        laneCounters[k.ordinal()] = s.laneCounters[k.ordinal()].clone();
      }
    }
    long[][] histogram = new long[s.fecBins.length][];
    for (int k = 0; k < histogram.length; k++) {
      histogram[k] = s.fecBins[k].clone();
    }
    return new HalSnapshot(sequence, timeMillis, inventory, bank.reported.clone(), readStatus, bank.stamped.clone(),
        statuses, portCounters, laneCounters,
        new dev.cpo.hal.PortLinks(s.portLastChangeMillis.clone(), histogram, s.portPostFecBer.clone()), identities,
        laserFlags);
  }

  /**
   * A port with a lane not up: degraded (plane-aggregate, some lanes up) or down, its reason naming each
   * lane that is not up and why ({@code lane3:tx-fault+remote-fault}); on a {@code pcs} port any such lane
   * takes the port down. Cached per port while its lanes' faults stay the same.
   */
  private EntityStatus portWithReason(int port, SimState s) {
    long key = s.portTrafficLanes[port];
    for (int k = 0; k < t.lanesPerPort; k++) {
      int q = port * t.lanesPerPort + k;
      key = key * 17 + (s.laneUp[q] ? 16 : s.laneFault[q]);
    }
    EntityStatus cached = portReasonCache[port];
    if (cached != null && portReasonKey[port] == key) {
      return cached;
    }
    StringBuilder reason = new StringBuilder(pcs ? "pcs:" : "");
    for (int k = 0; k < t.lanesPerPort; k++) {
      int q = port * t.lanesPerPort + k;
      if (!s.laneUp[q]) {
        if (reason.length() > (pcs ? 4 : 0)) {
          reason.append(' ');
        }
        String code = LaneFault.code(s.laneFault[q]);
        reason.append("lane").append(k + 1).append(':').append(code.isEmpty() ? "down" : code);
      }
    }
    int carrying = s.portTrafficLanes[port];
    OperState state = carrying == 0 ? OperState.DOWN : OperState.DEGRADED;
    EntityStatus st = new EntityStatus(state, reason.toString(), carrying, carrying * portStatuses[1].speedMbps(), true);
    portReasonCache[port] = st;
    portReasonKey[port] = key;
    return st;
  }
}
