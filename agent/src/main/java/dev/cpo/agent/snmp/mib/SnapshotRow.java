package dev.cpo.agent.snmp.mib;

import org.snmp4j.agent.mo.MOMutableTableRow;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * One row of a {@link SnapshotTableModel}: a position in a {@link RowView}, reading its cells on demand.
 * It is "mutable" only because SNMP4J's SET path casts rows to {@link MOMutableTableRow}; writable columns
 * apply SETs to the agent themselves, so {@link #setValue} does nothing.
 */
final class SnapshotRow implements MOMutableTableRow {

  private final RowView view;
  private final int position;
  private final int columns;

  SnapshotRow(RowView view, int position, int columns) {
    this.view = view;
    this.position = position;
    this.columns = columns;
  }

  @Override
  public OID getIndex() {
    return view.index(position);
  }

  @Override
  public Variable getValue(int column) {
    return view.value(position, column);
  }

  @Override
  public MOTableRow getBaseRow() {
    return null;
  }

  @Override
  public void setBaseRow(MOTableRow baseRow) {
    // Rows here never extend another table's rows.
  }

  @Override
  public int size() {
    return columns;
  }

  @Override
  public void setValue(int column, Variable value) {
    // Values come from the snapshot; a writable column applies the change to the agent itself.
  }

  @Override
  public String toString() {
    return "SnapshotRow" + getIndex();
  }
}
