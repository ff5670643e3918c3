package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import dev.cpo.hal.SensorKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * CPO-SWITCH-MIB cpoLaneTable: per port (ifIndex) and lane, RX/TX power in dBm x 100, pre-FEC BER as a
 * string, FEC counters, and which laser feeds the lane.
 */
final class CpoLaneTable {

  private final AgentView view;
  private final OID[] indexes;
  private final int[] port;
  private final int[] lane;
  private final int[] entity;
  private final int[] rx;
  private final int[] tx;
  private final int[] ber;
  private final Integer32[] laser;
  private final Integer32[] physical;

  CpoLaneTable(AgentView view, PhysicalLayout layout) {
    this.view = view;
    Inventory inv = layout.inventory();
    Map<String, Integer> laserOfLane = new HashMap<>();
    for (LaserMapping m : inv.laserMappings()) {
      int laserIndex = layout.ofEntity(m.laser());
      for (LaneRef l : m.lanes()) {
        laserOfLane.put(l.laneName(), laserIndex);
      }
    }
    List<Entity> lanes = new ArrayList<>(inv.entitiesOf(EntityClass.LANE));
    lanes.sort(Comparator.comparingInt(Entity::port).thenComparingInt(Entity::lane));
    int n = lanes.size();
    indexes = new OID[n];
    port = new int[n];
    lane = new int[n];
    entity = new int[n];
    rx = new int[n];
    tx = new int[n];
    ber = new int[n];
    laser = new Integer32[n];
    physical = new Integer32[n];
    for (int i = 0; i < n; i++) {
      Entity e = lanes.get(i);
      port[i] = e.port();
      lane[i] = e.lane();
      entity[i] = e.index();
      indexes[i] = new OID(new int[] {port[i], lane[i]});
      rx[i] = Readings.sensorOf(inv, e.name(), SensorKind.RX_POWER);
      tx[i] = Readings.sensorOf(inv, e.name(), SensorKind.TX_POWER);
      ber[i] = Readings.sensorOf(inv, e.name(), SensorKind.PRE_FEC_BER);
      laser[i] = new Integer32(laserOfLane.getOrDefault(e.name(), 0));
      physical[i] = new Integer32(e.index() + 1);
    }
  }

  @SuppressWarnings("rawtypes")
  ManagedObject<?> table() {
    int i32 = SMIConstants.SYNTAX_INTEGER;
    int c64 = SMIConstants.SYNTAX_COUNTER64;
    MOColumn[] cols = Tables.readOnly(2, i32, i32, i32, SMIConstants.SYNTAX_OCTET_STRING, c64, c64, i32, i32);
    return Tables.table(CpoOids.LANE_ENTRY, Tables.integerIndex(2), cols, () -> new RowView() {
      private final HalSnapshot hal = view.latest().hal();

      @Override
      public int positions() {
        return indexes.length;
      }

      @Override
      public OID index(int position) {
        return indexes[position];
      }

      @Override
      public Variable value(int p, int column) {
        return switch (column) {
          case 0 -> OperStates.of(hal.entityStatus(entity[p]).state());
          case 1 -> Readings.scaled(hal, rx[p], 100);
          case 2 -> Readings.scaled(hal, tx[p], 100);
          case 3 -> ber[p] < 0 || !hal.available(ber[p]) ? null : new OctetString(Readings.ratio(hal.value(ber[p])));
          case 4 -> new Counter64(hal.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, port[p], lane[p]));
          case 5 -> new Counter64(hal.laneCounter(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, port[p], lane[p]));
          case 6 -> laser[p];
          default -> physical[p];
        };
      }
    });
  }
}
