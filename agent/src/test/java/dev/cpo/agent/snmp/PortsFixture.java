package dev.cpo.agent.snmp;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import java.util.ArrayList;
import java.util.List;

/**
 * A switch with only a chassis, four ASICs and N 8 x 200G ports, for SNMP tests that need snapshots but
 * not the simulator. Counters are deterministic and large enough to wrap 32 bits.
 */
final class PortsFixture {

  static final String MODEL = "Quantum-X Photonics Q3450-LD";
  static final String PROFILE = "quantum-x-photonics-115t";
  static final int LANES = 4;
  static final long LANE_MBPS = 200_000;

  private final Inventory inventory;
  private final EntityStatus[] statuses;
  private long sequence;

  PortsFixture(int ports) {
    List<Entity> entities = new ArrayList<>();
    entities.add(new Entity(0, "chassis", EntityClass.CHASSIS, null, 1, false, "SN0001", MODEL, "switch chassis"));
    for (int a = 1; a <= 4; a++) {
      entities.add(new Entity(entities.size(), "asic" + a, EntityClass.ASIC, "chassis", a, false, "", "ASIC",
          "switch ASIC"));
    }
    for (int p = 1; p <= ports; p++) {
      entities.add(new Entity(entities.size(), "port" + p, EntityClass.PORT, "asic" + ((p - 1) * 4 / ports + 1),
          p, false, "", "800G", "800G optical port"));
    }
    inventory = new Inventory(PROFILE, MODEL, ports, LANES, LANE_MBPS, entities, List.of(), List.of());
    statuses = new EntityStatus[entities.size()];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = EntityStatus.of(OperState.UP);
    }
    for (int p = 1; p <= ports; p++) {
      port(p, OperState.UP, LANES, true);
    }
  }

  Inventory inventory() {
    return inventory;
  }

  /** Sets a port's state; speed follows the lanes up. */
  PortsFixture port(int port, OperState state, int lanesUp, boolean adminUp) {
    statuses[inventory.require("port" + port).index()] =
        new EntityStatus(state, "", lanesUp, lanesUp * LANE_MBPS, adminUp);
    return this;
  }

  EntityStatus status(int port) {
    return statuses[inventory.require("port" + port).index()];
  }

  /** The rx octet counter of a port in every snapshot: above 2^32, to show Counter32 wrapping. */
  static long rxOctets(int port) {
    return 5_000_000_000L + port * 1_000_003L;
  }

  HalSnapshot snapshot() {
    int n = inventory.portCount();
    long[][] portCounters = new long[CounterKind.values().length][];
    long[][] laneCounters = new long[CounterKind.values().length][];
    for (CounterKind kind : CounterKind.values()) {
      if (kind.entityClass() == EntityClass.PORT) {
        long[] values = new long[n];
        for (int p = 1; p <= n; p++) {
          values[p - 1] = kind == CounterKind.RX_OCTETS ? rxOctets(p) : (kind.ordinal() + 1) * 1000L + p;
        }
        portCounters[kind.ordinal()] = values;
      } else {
        laneCounters[kind.ordinal()] = new long[n * LANES];
      }
    }
    return new HalSnapshot(++sequence, System.currentTimeMillis(), inventory, new double[0], new byte[0], new long[0],
        statuses.clone(), portCounters, laneCounters);
  }
}
