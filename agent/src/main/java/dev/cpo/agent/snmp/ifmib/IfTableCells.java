package dev.cpo.agent.snmp.ifmib;

import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.snmp.table.CellReader;
import dev.cpo.agent.snmp.table.LiveTables;
import dev.cpo.hal.CounterKind;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * ifTable cells (RFC 2863 ifGeneralInformationGroup, ifPacketGroup). The deprecated ifInNUcastPkts,
 * ifOutNUcastPkts, ifOutQLen and ifSpecific are not served.
 */
final class IfTableCells implements CellReader<AgentSnapshot> {

  /** ifType ethernetCsmacd (IANAifType-MIB). */
  static final int ETHERNET_CSMACD = 6;
  /** Jumbo frames, as data-centre switches ship them. */
  static final int MTU_OCTETS = 9216;
  private static final long GAUGE32_MAX = 4294967295L;
  private static final Counter32 ZERO = new Counter32(0);

  private static final int[] SUB_IDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 20};
  private static final int[] SYNTAX = {
      SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER,
      SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_OCTET_STRING,
      SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_TIMETICKS,
      SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32,
      SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32,
      SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32, SMIConstants.SYNTAX_COUNTER32};

  private final Ports ports;
  private final PortChangeTimes changes;
  private final OctetString[] descr;
  private final OctetString[] physAddress;

  IfTableCells(Ports ports, PortChangeTimes changes) {
    this.ports = ports;
    this.changes = changes;
    this.descr = new OctetString[ports.count()];
    this.physAddress = new OctetString[ports.count()];
    for (int i = 1; i <= ports.count(); i++) {
      var e = ports.entity(i);
      String text = e.description().isBlank() ? e.name() : e.name() + ", " + e.description();
      descr[i - 1] = new OctetString(ports.inventory().model() + " " + text);
      physAddress[i - 1] = new OctetString(macOf(i));
    }
  }

  /** A stable locally administered unicast MAC per port (02:43:50:4f:hi:lo; "CPO"). */
  static byte[] macOf(int ifIndex) {
    return new byte[] {0x02, 0x43, 0x50, 0x4f, (byte) (ifIndex >> 8), (byte) ifIndex};
  }

  static MOColumn<?>[] columns() {
    MOColumn<?>[] cols = new MOColumn<?>[SUB_IDS.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = LiveTables.column(SUB_IDS[i], SYNTAX[i]);
    }
    return cols;
  }

  @Override
  public Variable read(AgentSnapshot snapshot, int row, int column) {
    int ifIndex = row + 1;
    HalSnapshot hal = snapshot.hal();
    switch (SUB_IDS[column]) {
      case 1: return new Integer32(ifIndex);
      case 2: return descr[row];
      case 3: return new Integer32(ETHERNET_CSMACD);
      case 4: return new Integer32(MTU_OCTETS);
      case 5: {
        long bps = ports.speedMbps(status(hal, ifIndex)) * 1_000_000L;
        return new Gauge32(Math.min(bps, GAUGE32_MAX));
      }
      case 6: return physAddress[row];
      case 7: return new Integer32(Ports.adminStatus(status(hal, ifIndex)));
      case 8: return new Integer32(Ports.operStatus(status(hal, ifIndex)));
      case 9: return new TimeTicks(changes.get(ifIndex));
      case 10: return counter32(hal, CounterKind.RX_OCTETS, ifIndex);
      case 11: return counter32(hal, CounterKind.RX_UNICAST_PACKETS, ifIndex);
      case 13: return counter32(hal, CounterKind.RX_DISCARDS, ifIndex);
      case 14: return counter32(hal, CounterKind.RX_ERRORS, ifIndex);
      // The HAL counts no unknown protocols, transmit discards or transmit errors: always zero.
      case 15: return ZERO;
      case 16: return counter32(hal, CounterKind.TX_OCTETS, ifIndex);
      case 17: return counter32(hal, CounterKind.TX_UNICAST_PACKETS, ifIndex);
      case 19: return ZERO;
      case 20: return ZERO;
      default: return null;
    }
  }

  private EntityStatus status(HalSnapshot hal, int ifIndex) {
    return hal.entityStatus(ports.entityIndex(ifIndex));
  }

  /** Counter32 is the low 32 bits of the 64-bit counter (RFC 2863 section 3.1.6). */
  static Counter32 counter32(HalSnapshot hal, CounterKind kind, int ifIndex) {
    return new Counter32(hal.portCounter(kind, ifIndex) & 0xffffffffL);
  }
}
