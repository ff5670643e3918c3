package dev.cpo.agent.snmp.table;

import org.snmp4j.smi.Variable;

/**
 * Computes one cell of a row from a snapshot.
 *
 * @param <S> the snapshot type
 */
@FunctionalInterface
public interface CellReader<S> {

  /**
   * @param row the row's position in its {@link RowSource}
   * @param column the column's position in the table's column array (0-based)
   * @return the value, or {@code null} when the cell does not exist
   */
  Variable read(S snapshot, int row, int column);
}
