package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * CPO-SWITCH-MIB cpoPortTable (per ifIndex: link-down events, why the link is not fully up, FEC totals
 * over the lanes, post-FEC BER) and cpoFecHistogramTable (per ifIndex and bin: codewords received with
 * that many symbol errors).
 */
final class CpoPortTables {

  private final AgentView view;
  private final int[] port;
  private final int[] entity;
  private final OID[] portIndexes;

  CpoPortTables(AgentView view, PhysicalLayout layout) {
    this.view = view;
    List<Entity> ports = new ArrayList<>(layout.inventory().entitiesOf(EntityClass.PORT));
    ports.sort(Comparator.comparingInt(Entity::port));
    int n = ports.size();
    port = new int[n];
    entity = new int[n];
    portIndexes = new OID[n];
    for (int i = 0; i < n; i++) {
      port[i] = ports.get(i).port();
      entity[i] = ports.get(i).index();
      portIndexes[i] = new OID(new int[] {port[i]});
    }
  }

  List<ManagedObject<?>> objects() {
    return List.of(portTable(), histogramTable());
  }

  @SuppressWarnings("rawtypes")
  private ManagedObject<?> portTable() {
    int c64 = SMIConstants.SYNTAX_COUNTER64;
    int text = SMIConstants.SYNTAX_OCTET_STRING;
    MOColumn[] cols = Tables.readOnly(1, c64, text, c64, c64, text);
    return Tables.table(CpoOids.PORT_ENTRY, Tables.integerIndex(1), cols, () -> new RowView() {
      private final HalSnapshot hal = view.latest().hal();

      @Override
      public int positions() {
        return portIndexes.length;
      }

      @Override
      public OID index(int position) {
        return portIndexes[position];
      }

      @Override
      public Variable value(int p, int column) {
        return switch (column) {
          case 0 -> new Counter64(hal.portCounter(CounterKind.LINK_DOWN_EVENTS, port[p]));
          case 1 -> new OctetString(hal.entityStatus(entity[p]).faultCode());
          case 2 -> new Counter64(hal.laneCounterSum(CounterKind.FEC_CORRECTED_CODEWORDS, port[p]));
          case 3 -> new Counter64(hal.laneCounterSum(CounterKind.FEC_UNCORRECTABLE_CODEWORDS, port[p]));
          default -> {
            double ber = hal.postFecBer(port[p]);
            yield Double.isNaN(ber) ? null : new OctetString(Readings.ratio(ber));
          }
        };
      }
    });
  }

  @SuppressWarnings("rawtypes")
  private ManagedObject<?> histogramTable() {
    MOColumn[] cols = Tables.readOnly(2, SMIConstants.SYNTAX_COUNTER64);
    return Tables.table(CpoOids.FEC_HISTOGRAM_ENTRY, Tables.integerIndex(2), cols, () -> new RowView() {
      private final HalSnapshot hal = view.latest().hal();
      private final int bins = hal.fecHistogramBins();

      @Override
      public int positions() {
        return port.length * bins;
      }

      @Override
      public OID index(int position) {
        return new OID(new int[] {port[position / bins], position % bins});
      }

      @Override
      public Variable value(int p, int column) {
        return new Counter64(hal.fecHistogram(port[p / bins], p % bins));
      }
    });
  }
}
