package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.snmp.table.LiveMOTable;
import dev.cpo.agent.snmp.table.SnapshotTableModel;
import java.util.function.Supplier;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;

/** Small helpers to declare snapshot-backed tables. */
final class Tables {

  static final Integer32 TRUE = new Integer32(1);
  static final Integer32 FALSE = new Integer32(2);

  private Tables() {}

  /** SNMPv2-TC TruthValue. */
  static Integer32 truth(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** An index of {@code parts} integer sub-indexes. */
  static MOTableIndex integerIndex(int parts) {
    MOTableSubIndex[] sub = new MOTableSubIndex[parts];
    for (int i = 0; i < parts; i++) {
      sub[i] = new MOTableSubIndex(SMIConstants.SYNTAX_INTEGER, 1, 1);
    }
    return new MOTableIndex(sub);
  }

  /** Read-only columns with consecutive sub-identifiers from {@code firstId}. */
  @SuppressWarnings("rawtypes")
  static MOColumn[] readOnly(int firstId, int... syntaxes) {
    MOColumn[] cols = new MOColumn[syntaxes.length];
    for (int i = 0; i < syntaxes.length; i++) {
      cols[i] = new MOColumn<>(firstId + i, syntaxes[i], MOAccessImpl.ACCESS_READ_ONLY);
    }
    return cols;
  }

  /** A table whose rows are read from the agent's latest snapshot through {@code views}. */
  @SuppressWarnings("rawtypes")
  static DefaultMOTable<MOTableRow, MOColumn, SnapshotTableModel<RowView>> table(OID entry, MOTableIndex index,
      MOColumn[] columns, Supplier<RowView> views) {
    return new LiveMOTable<>(entry, index, columns,
        new SnapshotTableModel<>(views, RowViews.INSTANCE, columns.length));
  }
}
