package dev.cpo.agent.snmp.ifmib;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.snmp.table.CellReader;
import dev.cpo.agent.snmp.table.LiveTables;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.HalSnapshot;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/** ifXTable cells (RFC 2863 ifXTable, all 19 columns). */
final class IfXTableCells implements CellReader<AgentSnapshot> {

  private static final Integer32 TRUE = new Integer32(1);
  private static final Integer32 FALSE = new Integer32(2);
  private static final Integer32 ENABLED = new Integer32(1);
  private static final TimeTicks SINCE_START = new TimeTicks(0);
  private static final OctetString NO_ALIAS = new OctetString();

  private static final int[] SYNTAX = {
      SMIConstants.SYNTAX_OCTET_STRING,
      SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32,
      SMIConstants.SYNTAX_COUNTER32,
      SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_COUNTER64,
      SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_COUNTER64,
      SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_COUNTER64,
      SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_INTEGER,
      SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_TIMETICKS};

  private final Ports ports;
  private final OctetString[] names;

  IfXTableCells(Ports ports) {
    this.ports = ports;
    this.names = new OctetString[ports.count()];
    for (int i = 1; i <= ports.count(); i++) {
      names[i - 1] = new OctetString(ports.entity(i).name());
    }
  }

  static MOColumn<?>[] columns() {
    MOColumn<?>[] cols = new MOColumn<?>[SYNTAX.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = LiveTables.column(i + 1, SYNTAX[i]);
    }
    return cols;
  }

  @Override
  public Variable read(AgentSnapshot snapshot, int row, int column) {
    int ifIndex = row + 1;
    HalSnapshot hal = snapshot.hal();
    switch (column + 1) {
      case 1: return names[row];
      case 2: return IfTableCells.counter32(hal, CounterKind.RX_MULTICAST_PACKETS, ifIndex);
      case 3: return IfTableCells.counter32(hal, CounterKind.RX_BROADCAST_PACKETS, ifIndex);
      case 4: return IfTableCells.counter32(hal, CounterKind.TX_MULTICAST_PACKETS, ifIndex);
      case 5: return IfTableCells.counter32(hal, CounterKind.TX_BROADCAST_PACKETS, ifIndex);
      case 6: return counter64(hal, CounterKind.RX_OCTETS, ifIndex);
      case 7: return counter64(hal, CounterKind.RX_UNICAST_PACKETS, ifIndex);
      case 8: return counter64(hal, CounterKind.RX_MULTICAST_PACKETS, ifIndex);
      case 9: return counter64(hal, CounterKind.RX_BROADCAST_PACKETS, ifIndex);
      case 10: return counter64(hal, CounterKind.TX_OCTETS, ifIndex);
      case 11: return counter64(hal, CounterKind.TX_UNICAST_PACKETS, ifIndex);
      case 12: return counter64(hal, CounterKind.TX_MULTICAST_PACKETS, ifIndex);
      case 13: return counter64(hal, CounterKind.TX_BROADCAST_PACKETS, ifIndex);
      case 14: return ENABLED;
      case 15: return new Gauge32(ports.speedMbps(hal.entityStatus(ports.entityIndex(ifIndex))));
      case 16: return FALSE;
      case 17: return TRUE;
      case 18: return NO_ALIAS;
      // Counters run from agent start and never reset: no discontinuity since.
      case 19: return SINCE_START;
      default: return null;
    }
  }

  private static Counter64 counter64(HalSnapshot hal, CounterKind kind, int ifIndex) {
    return new Counter64(hal.portCounter(kind, ifIndex));
  }
}
