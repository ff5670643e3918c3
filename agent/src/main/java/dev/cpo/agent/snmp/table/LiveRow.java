package dev.cpo.agent.snmp.table;

import org.snmp4j.agent.mo.MOMutableTableRow;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A row view bound to one snapshot: cells are computed when read, so every cell of the row comes from
 * the same snapshot and nothing is copied. It is "mutable" only because SNMP4J's SET path casts rows to
 * {@link MOMutableTableRow}; a writable column applies a SET to the agent itself, so {@link #setValue}
 * does nothing.
 */
final class LiveRow<S> implements MOMutableTableRow {

  private final RowSource<S> rows;
  private final S snapshot;
  private final int position;
  private final int columns;

  LiveRow(RowSource<S> rows, S snapshot, int position, int columns) {
    this.rows = rows;
    this.snapshot = snapshot;
    this.position = position;
    this.columns = columns;
  }

  @Override
  public OID getIndex() {
    return rows.index(snapshot, position);
  }

  @Override
  public Variable getValue(int column) {
    return rows.value(snapshot, position, column);
  }

  @Override
  public MOTableRow getBaseRow() {
    return null;
  }

  @Override
  public void setBaseRow(MOTableRow baseRow) {
    // Live rows are never augmented through a base row; AUGMENTS tables share the index instead.
  }

  @Override
  public void setValue(int column, Variable value) {
    // Values come from the snapshot; a writable column applies the change to the agent itself.
  }

  @Override
  public int size() {
    return columns;
  }

  @Override
  public String toString() {
    return "LiveRow[" + getIndex() + "]";
  }
}
