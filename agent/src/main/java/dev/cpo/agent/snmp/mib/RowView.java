package dev.cpo.agent.snmp.mib;

import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * The rows of one table as of one agent snapshot: positions {@code 0..positions()-1} in ascending index
 * order, some of which may be absent (an entity that is not present has no row).
 */
interface RowView {

  /** Number of positions, present or not. */
  int positions();

  /** The row index at a position; ascending with the position. */
  OID index(int position);

  /** Whether the row at this position exists in this snapshot. */
  default boolean present(int position) {
    return true;
  }

  /**
   * The value of one cell.
   *
   * @param column position of the column in the table's column array (not its sub-identifier)
   * @return the value, or {@code null} when the cell is not instantiated (e.g. an unavailable reading)
   */
  Variable value(int position, int column);
}
