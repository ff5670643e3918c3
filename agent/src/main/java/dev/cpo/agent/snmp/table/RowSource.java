package dev.cpo.agent.snmp.table;

import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * The rows of one table as they are in one snapshot {@code S}, in ascending index order. Positions are
 * 0-based and only meaningful for the snapshot they were computed from; a source over a fixed set of
 * indexes may mark some positions {@link #present absent} in a snapshot (an entity not fitted has no row).
 *
 * @param <S> the snapshot type, e.g. {@code AgentSnapshot}
 */
public interface RowSource<S> {

  /** Number of positions in the snapshot, present or not. */
  int size(S snapshot);

  /** Index (the OID suffix after the column) of the row at {@code position}. */
  OID index(S snapshot, int position);

  /** Position of the row whose index equals {@code index}, or -1. */
  int find(S snapshot, OID index);

  /** Position of the first row whose index is greater than or equal to {@code lowerBound}; {@link #size} if none. */
  int ceiling(S snapshot, OID lowerBound);

  /** Whether the row at {@code position} exists in this snapshot; the model skips absent positions. */
  default boolean present(S snapshot, int position) {
    return true;
  }

  /**
   * The value of one cell.
   *
   * @param column the column's position in the table's column array (0-based), not its sub-identifier
   * @return the value, or {@code null} when the cell does not exist (the walk skips it)
   */
  Variable value(S snapshot, int position, int column);
}
