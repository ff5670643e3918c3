package dev.cpo.agent.snmp.table;

import java.util.function.Supplier;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;

/** Builds read-only {@link DefaultMOTable}s over a {@link SnapshotTableModel}. */
public final class LiveTables {

  private LiveTables() {}

  /** An index of one INTEGER sub-index (ifIndex, entPhysicalIndex, ...). */
  public static MOTableIndex integerIndex() {
    return new MOTableIndex(new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_INTEGER)});
  }

  /** A read-only column. */
  public static MOColumn<?> column(int subId, int smiSyntax) {
    return new MOColumn<>(subId, smiSyntax, MOAccessImpl.ACCESS_READ_ONLY);
  }

  /**
   * A read-only table served from the latest snapshot.
   *
   * @param entryOid the OID of the table's entry (e.g. ifEntry 1.3.6.1.2.1.2.2.1)
   * @param index the index definition
   * @param columns the columns, in sub-identifier order; {@link RowSource#value} numbers them from 0
   * @param latest the latest snapshot
   * @param rows the rows in a snapshot
   */
  public static <S> DefaultMOTable<MOTableRow, MOColumn<?>, SnapshotTableModel<S>> readOnly(OID entryOid,
      MOTableIndex index, MOColumn<?>[] columns, Supplier<S> latest, RowSource<S> rows) {
    SnapshotTableModel<S> model = new SnapshotTableModel<>(latest, rows, columns.length);
    DefaultMOTable<MOTableRow, MOColumn<?>, SnapshotTableModel<S>> table =
        new LiveMOTable<>(entryOid, index, columns, model);
    // Nothing here is configuration: never persist it.
    table.setVolatile(true);
    return table;
  }
}
